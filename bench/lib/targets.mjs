// Who serves the queries. Adding a peer gateway is an entry here and a starter in gateway-process.mjs.
//   gateway   the kind gateway-process.mjs starts, or null for the direct subgraph
//   auth      'caller': a caller bearer token, as clients send it to our gateway;
//             'context': the verified context header our subgraphs require, which the peers forward as is

export const targets = [
  { name: 'direct', label: 'direct subgraph (the limit)', gateway: null, auth: 'context' },
  { name: 'ours', label: 'Corphub gateway (gateway/dist startGateway)', gateway: 'ours', auth: 'caller' },
  { name: 'hive', label: 'Hive Gateway 2.15, defaults', gateway: 'hive', auth: 'context' },
  { name: 'hive-nodedup', label: 'Hive Gateway 2.15, deduplicateInflightRequests off', gateway: 'hive-nodedup', auth: 'context' },
  { name: 'apollo', label: 'plain @apollo/gateway 2.14 + @apollo/server 5', gateway: 'apollo', auth: 'context' },
];
