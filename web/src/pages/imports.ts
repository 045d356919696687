import { API_ROOT, ApiError, request } from '../api';
import { errorMessage, errorSummary, formatNumber, heading, notificationBanner, select, summaryList, table } from '../components';
import { html, nothing, type SafeHtml } from '../html';
import type { Page } from '../router';
import { canExport, canImport, trustPath } from '../session';
import type { ErrorDetail, ImportResult } from '../types';
import { showPage } from '../view';
import { forbiddenPage } from './errors';

export const IMPORT_KINDS: { code: string; label: string; exportable: boolean }[] = [
  { code: 'schools', label: 'Schools', exportable: true },
  { code: 'gias', label: 'Schools from a GIAS download (DfE)', exportable: false },
  { code: 'bodies', label: 'Governance bodies', exportable: true },
  { code: 'people', label: 'People', exportable: true },
  { code: 'posts', label: 'Posts', exportable: true },
  { code: 'holdings', label: 'Post holdings (who holds which post)', exportable: true },
  { code: 'memberships', label: 'Memberships of governance bodies', exportable: true },
  { code: 'line-links', label: 'Line management links', exportable: true },
];

const kindLabel = (code: string) => IMPORT_KINDS.find((k) => k.code === code)?.label ?? code;

interface ImportState {
  kind: string;
  fileError?: string;
  fileName?: string;
  result?: ImportResult;
  problems?: ErrorDetail[];
  problemMessage?: string;
  failure?: string;
}

function exportSection(): SafeHtml {
  const base = `${API_ROOT}${trustPath('/exports')}`;
  return html`<h2 class="govuk-heading-m" id="export-heading">Export</h2>
    <p class="govuk-body">Download what you can see, in the same columns the import takes.</p>
    ${table({
      caption: 'Exports',
      captionHidden: true,
      head: [{ text: 'Records' }, { text: 'CSV' }, { text: 'Excel (XLSX)' }],
      rows: IMPORT_KINDS.filter((k) => k.exportable).map((k) => [
        k.label,
        html`<a class="govuk-link" href="${base}/${k.code}?format=csv" download="${k.code}.csv">Download CSV<span class="govuk-visually-hidden"> of ${k.label.toLowerCase()}</span></a>`,
        html`<a class="govuk-link" href="${base}/${k.code}?format=xlsx" download="${k.code}.xlsx">Download XLSX<span class="govuk-visually-hidden"> of ${k.label.toLowerCase()}</span></a>`,
      ]),
      rowHeaders: true,
    })}`;
}

export function exportPage(): Page {
  if (!canExport()) return forbiddenPage('Exports are for trust administrators and executives.');
  return { title: 'Export', section: 'export', body: html`${heading('Export')}${exportSection()}` };
}

export function importPage(): Page {
  if (!canImport()) return forbiddenPage('Imports are for trust administrators.');
  return build({ kind: 'people' });
}

function resultPanel(s: ImportState): SafeHtml {
  const r = s.result;
  if (!r) return nothing;
  const what = kindLabel(r.kind).toLowerCase();
  const title = r.dry_run ? 'The file has no problems' : 'Import complete';
  const lead = r.dry_run
    ? `Checked ${formatNumber(r.rows)} rows of ${what}${s.fileName ? ` in ${s.fileName}` : ''}. Nothing was written: choose Import to save them.`
    : `Imported ${formatNumber(r.rows)} rows of ${what}${s.fileName ? ` from ${s.fileName}` : ''}.`;
  return notificationBanner({
    id: 'import-result',
    title: r.dry_run ? 'Checked' : 'Success',
    success: true,
    heading: title,
    content: html`<p class="govuk-body">${lead}</p>
      ${summaryList([
        [r.dry_run ? 'Would be created' : 'Created', html`<span id="import-created">${formatNumber(r.created)}</span>`],
        [r.dry_run ? 'Would be updated' : 'Updated', html`<span id="import-updated">${formatNumber(r.updated)}</span>`],
        ['Unchanged', html`<span id="import-unchanged">${formatNumber(r.unchanged)}</span>`],
      ])}`,
  });
}

function problemSection(s: ImportState): SafeHtml {
  if (!s.problems) return nothing;
  const n = s.problems.length;
  return table({
    caption: `Problems in ${s.fileName ?? 'the file'} (${n})`,
    head: [{ text: 'Row', numeric: true }, { text: 'Column' }, { text: 'Value' }, { text: 'Problem' }],
    note: 'Rows are numbered as in a spreadsheet: the header is row 1, the first record row 2.',
    rows: s.problems.map((p) => [
      p.row === undefined || p.row === null ? 'Whole file' : String(p.row),
      p.field ?? '',
      p.value === undefined || p.value === null || p.value === '' ? html`<span class="govuk-hint govuk-!-margin-0">(empty)</span>` : html`<code>${p.value}</code>`,
      p.reason ?? '',
    ]),
  });
}

function build(s: ImportState): Page {
  const summaryItems = [];
  if (s.fileError) summaryItems.push({ text: s.fileError, href: '#import-file' });
  let summary: SafeHtml = nothing;
  if (s.problems) {
    const n = s.problems.length;
    summary = errorSummary(
      'There is a problem with the file',
      [{ text: `${n} ${n === 1 ? 'problem was' : 'problems were'} found: see the table below`, href: '#import-problems' }],
      `${s.problemMessage ? `${s.problemMessage.replace(/[.;]?\s*nothing was written\.?$/i, '')}. ` : ''}Nothing was written. Correct the file and try again.`,
    );
  } else if (s.failure) {
    summary = errorSummary('There is a problem', [{ text: s.failure, href: '#import-file' }]);
  } else if (summaryItems.length) {
    summary = errorSummary('There is a problem', summaryItems);
  }
  const fileError = s.fileError ?? (s.failure || s.problems ? 'The file was not imported' : undefined);
  return {
    title: `${summary === nothing ? '' : 'Error: '}Import`,
    section: 'import',
    focus: s.result ? '#import-result' : undefined,
    body: html`
      ${summary}
      ${resultPanel(s)}
      ${heading('Import')}
      <p class="govuk-body">Choose what the file holds and the CSV file (UTF-8, with a header row). The whole file is checked before anything is written: a file with any problem writes nothing.</p>
      <form id="import-form" novalidate>
        ${select({
          id: 'import-kind',
          name: 'kind',
          label: 'What the file holds',
          options: IMPORT_KINDS.map((k) => ({ value: k.code, text: k.label })),
          value: s.kind,
        })}
        <div class="govuk-form-group${fileError ? ' govuk-form-group--error' : ''}">
          <label class="govuk-label" for="import-file">CSV file</label>
          <div id="import-file-hint" class="govuk-hint">Columns as in the import formats guide. Excel users: save as "CSV UTF-8".</div>
          ${errorMessage('import-file', fileError)}
          <input class="govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}" id="import-file" name="file" type="file" accept=".csv,text/csv"
            aria-describedby="import-file-hint${fileError ? ' import-file-error' : ''}">
        </div>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--secondary" name="action" value="check" id="check-only">Check only</button>
          <button type="submit" class="govuk-button" name="action" value="import" id="import-now">Import</button>
        </div>
      </form>
      ${s.problems ? html`<div id="import-problems" tabindex="-1">${problemSection(s)}</div>` : nothing}
      ${exportSection()}`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#import-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
        void submit(form, submitter?.value !== 'import');
      });
    },
  };
}

async function submit(form: HTMLFormElement, dryRun: boolean): Promise<void> {
  const kind = (form.querySelector<HTMLSelectElement>('#import-kind')?.value ?? 'people').trim();
  const file = form.querySelector<HTMLInputElement>('#import-file')?.files?.[0];
  if (!file) {
    showPage(build({ kind, fileError: 'Select a CSV file' }), { moveFocus: true });
    return;
  }
  form.querySelectorAll('button').forEach((b) => b.setAttribute('disabled', 'disabled'));
  const next: ImportState = { kind, fileName: file.name };
  try {
    next.result = await request<ImportResult>('POST', trustPath(`/imports/${encodeURIComponent(kind)}`), {
      query: { dry_run: dryRun ? 'true' : undefined },
      body: file,
      contentType: 'text/csv',
    });
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      next.problems = e.details.length ? e.details : [{ reason: e.message }];
      next.problemMessage = e.message;
    } else if (e instanceof ApiError && e.status === 413) {
      next.failure = 'The file is too large. Split it into smaller files and import each one.';
    } else if (e instanceof ApiError && e.status === 403) {
      next.failure = 'You cannot import: your role does not allow it, or your session has changed. Sign in again and retry.';
    } else if (e instanceof ApiError && e.status === 400) {
      next.failure = `The file could not be read: ${e.message}. Nothing was written.`;
    } else if (e instanceof ApiError && e.status === 409) {
      next.failure = `The file clashes with records already held: ${e.message}. Nothing was written.`;
    } else if (e instanceof ApiError && e.status === 401) {
      return;
    } else if (e instanceof ApiError && e.status === 503) {
      next.failure = 'trellis is busy. Nothing was written. Try again in a moment.';
    } else {
      next.failure = `Sorry, there is a problem with the service${e instanceof ApiError && e.message ? `: ${e.message}` : ''}. Nothing was written.`;
    }
  }
  showPage(build(next), { moveFocus: true });
}
