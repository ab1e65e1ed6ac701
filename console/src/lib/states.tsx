import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';

/** Loading, error and empty states in words, the same on every screen. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="state" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorText({ error }: { error: CombinedError | Error }) {
  const { t } = useTranslation();
  const message = 'graphQLErrors' in error && error.graphQLErrors.length ? error.graphQLErrors.map((e) => e.message).join('; ') : error.message;
  return (
    <p className="state error" role="alert">
      {t('error', { message })}
    </p>
  );
}

export function Empty({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <p className="state empty">{text ?? t('empty')}</p>;
}
