#!/usr/bin/env bash
# Writes the files an overlay's secretGenerator reads, under <overlay>/secrets/ (git-ignored), with fresh keys:
#
#   DATABASE_URL=postgresql://corphub:…@db.internal:5432/corphub REDIS_URL=redis://redis.internal:6379 \
#     deploy/kubernetes/make-secrets.sh deploy/kubernetes/overlays/production
#
#   keys.env               CORPHUB_INTERNAL_SECRET, CORPHUB_METRICS_TOKEN       (corphub-keys: gateway and subgraphs)
#   context-public-key.pem the verified context's public key                    (corphub-keys)
#   gateway-keys.env       CORPHUB_JWT_SECRET                                    (corphub-gateway-keys: the gateway only)
#   context-private-key.pem, oidc-signing-key.pem                                (corphub-gateway-keys)
#   services.env           DATABASE_URL, REDIS_URL: PostgreSQL and Redis run outside the cluster's manifests
#
# A file that exists is kept (keys must outlive a deploy: tokens, contexts and ID tokens were signed with them);
# delete it to make a new one. Keep the folder somewhere safe (a secret manager, sealed-secrets, SOPS): it is
# the hub's keys. Rotating the context key: docs/operations.md#rotating-the-context-key.
set -euo pipefail

overlay="${1:-}"
if [[ -z "$overlay" || ! -f "$overlay/kustomization.yaml" ]]; then
  echo "usage: $0 OVERLAY_DIR   (a folder with a kustomization.yaml, e.g. deploy/kubernetes/overlays/production)" >&2
  exit 2
fi
# PostgreSQL and Redis are yours (outside these manifests): their URLs go into the corphub-services Secret
if [[ ! -e "$overlay/secrets/services.env" ]]; then
  : "${DATABASE_URL:?set DATABASE_URL (postgresql://user:password@host:5432/database)}"
  : "${REDIS_URL:?set REDIS_URL (redis://host:6379)}"
fi
dir="$overlay/secrets"
mkdir -p "$dir"
umask 077

# Writes a file from a command's output unless it exists.
write() {
  local file="$dir/$1"
  shift
  if [[ -e "$file" ]]; then
    echo "kept $file"
  else
    "$@" >"$file.tmp" && mv "$file.tmp" "$file"
    echo "wrote $file"
  fi
}

hex32() { openssl rand -hex 32; }

keys_env() {
  printf 'CORPHUB_INTERNAL_SECRET=%s\nCORPHUB_METRICS_TOKEN=%s\n' "$(hex32)" "$(hex32)"
}
gateway_keys_env() {
  printf 'CORPHUB_JWT_SECRET=%s\n' "$(hex32)"
}
services_env() {
  printf 'DATABASE_URL=%s\nREDIS_URL=%s\n' "$DATABASE_URL" "$REDIS_URL"
}

write keys.env keys_env
write gateway-keys.env gateway_keys_env
write services.env services_env
write context-private-key.pem openssl genpkey -algorithm ed25519
# the public half always follows the private key on disk
openssl pkey -in "$dir/context-private-key.pem" -pubout >"$dir/context-public-key.pem"
write oidc-signing-key.pem openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256
