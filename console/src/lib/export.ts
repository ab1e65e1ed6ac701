import { useState } from 'react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { download, toCsv } from './csv';
import './i18n.screens-b';

const RecordExportMutation = graphql(`
  mutation RecordExport($input: RecordExportInput!) {
    recordExport(input: $input) {
      id
    }
  }
`);

type Cell = string | number | null | undefined;

/**
 * Every CSV the console writes is recorded in the audit log first (`recordExport`, action export.csv): when the
 * record fails, no file is written, so no export goes unlogged.
 */
export function useAuditedCsvExport() {
  const { t } = useTranslation();
  const [, record] = useMutation(RecordExportMutation);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const exportCsv = async (filename: string, what: string, header: Cell[], rows: Cell[][]) => {
    setBusy(true);
    setError(undefined);
    try {
      const recorded = await record({ input: { what: what.slice(0, 200), rows: rows.length } });
      if (recorded.error) {
        setError(t('exportFailed', { message: recorded.error.graphQLErrors.map((e) => e.message).join('; ') || recorded.error.message }));
        return;
      }
      download(filename, toCsv([header, ...rows]));
    } finally {
      setBusy(false);
    }
  };
  return { exportCsv, error, busy };
}
