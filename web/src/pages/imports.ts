import { API_ROOT, ApiError, request } from '../api';
import { details, errorMessage, errorSummary, formatNumber, heading, notificationBanner, select, summaryList, table, type SelectGroup, type SelectOption } from '../components';
import { html, nothing, type SafeHtml } from '../html';
import type { Page } from '../router';
import { canExport, canImport, trustPath } from '../session';
import type { ErrorDetail, ImportResult } from '../types';
import { showPage } from '../view';
import { forbiddenPage } from './errors';

type KindGroup = 'organisation' | 'talent' | 'succession';

// Every kind of file, in import order within each group, with the columns it takes (the
// import formats guide, docs/import-formats.md, has them in full with their other headers).
export const IMPORT_KINDS: { code: string; label: string; exportable: boolean; group: KindGroup; columns: string }[] = [
  { code: 'schools', label: 'Schools', exportable: true, group: 'organisation', columns: 'urn, name, phase, type, status, local_authority, region, pupils, postcode, easting, northing' },
  { code: 'gias', label: 'Schools from a GIAS download (DfE)', exportable: false, group: 'organisation', columns: 'the download from Get Information about Schools, as it is' },
  { code: 'bodies', label: 'Governance bodies', exportable: true, group: 'organisation', columns: 'name, kind, school_urn, parent' },
  { code: 'people', label: 'People', exportable: true, group: 'organisation', columns: 'reference, given_name, family_name, email, stage, joined_trust, left_trust' },
  { code: 'posts', label: 'Posts', exportable: true, group: 'organisation', columns: 'reference, title, school_urn, body, family, stage, workforce_census_role, fte, key' },
  { code: 'holdings', label: 'Post holdings (who holds which post)', exportable: true, group: 'organisation', columns: 'post_reference, person_reference, start, end, contract, fte' },
  { code: 'memberships', label: 'Memberships of governance bodies', exportable: true, group: 'organisation', columns: 'body, person_reference, role, term_start, term_end' },
  { code: 'line-links', label: 'Line management links', exportable: true, group: 'organisation', columns: 'manager_reference, report_reference, start, end' },
  {
    code: 'role-profiles',
    label: 'Role profiles',
    exportable: true,
    group: 'talent',
    columns: 'one row per requirement: profile_name, post_reference or stage (one of them), framework, framework_version, competency, level (1 to 4), weight (more than 0; blank is 1). The rows of one post or career stage replace its profile.',
  },
  {
    code: 'assessments',
    label: 'Competency assessments',
    exportable: true,
    group: 'talent',
    columns: 'staff_reference, framework, framework_version, competency, level (1 to 4), assessed_on, assessor (a staff reference), assessor_name, evidence. The latest assessment counts.',
  },
  {
    code: 'ratings',
    label: '9-box ratings of one review cycle',
    exportable: true,
    group: 'talent',
    columns: 'year (the academic year’s start, such as 2025), staff_reference, performance (1 to 3), potential (1 to 3), rater, rationale, evidence. A year with no cycle comes in as a closed cycle of final ratings; an open cycle’s rows are proposals; a calibrating or closed cycle’s ratings change only through calibration.',
  },
  {
    code: 'key-posts',
    label: 'Key posts and their succession plans',
    exportable: true,
    group: 'succession',
    columns: 'post_reference, impact (low, medium or high), review_on, consider_external (yes or no), notes. The post becomes a key post.',
  },
  {
    code: 'successors',
    label: 'Successors named on plans',
    exportable: true,
    group: 'succession',
    columns: 'post_reference, rank, staff_reference or external_name (with external_source), readiness (an override, with readiness_reason), emergency (yes or no), notes. The rows of one post replace its plan’s list: ranks 1 to n, one emergency successor.',
  },
  {
    code: 'risks',
    label: 'Risk of loss',
    exportable: true,
    group: 'succession',
    columns: 'staff_reference, risk (low, medium or high), departure_window, note, assessed_on',
  },
];

const GROUP_LABELS: Record<KindGroup, string> = {
  organisation: 'Organisation and people',
  talent: 'Talent review (confidential: ratings)',
  succession: 'Succession planning (confidential)',
};

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

// What each file holds, by group: the columns, so the right file is chosen before uploading.
function kindsGuide(): SafeHtml {
  return details({
    id: 'import-kinds',
    summary: 'What each file holds',
    content: html`<p class="govuk-body">Headers may be in any order; the import formats guide lists the other headers each column accepts. Import the organisation first, then the talent and succession files, which refer to its people and posts by their references.</p>
      ${(Object.keys(GROUP_LABELS) as KindGroup[]).map((group) =>
        table({
          caption: GROUP_LABELS[group],
          head: [{ text: 'File' }, { text: 'Columns' }],
          rows: IMPORT_KINDS.filter((k) => k.group === group).map((k) => [k.label, k.columns]),
          rowHeaders: true,
        }),
      )}`,
  });
}

// The select's options: the organisation's kinds, then the confidential groups.
function kindOptions(): { options: SelectOption[]; groups: SelectGroup[] } {
  const of = (group: KindGroup) => IMPORT_KINDS.filter((k) => k.group === group).map((k) => ({ value: k.code, text: k.label }));
  return {
    options: of('organisation'),
    groups: (['talent', 'succession'] as KindGroup[]).map((group) => ({ label: GROUP_LABELS[group], options: of(group) })),
  };
}

function exportSection(): SafeHtml {
  const base = `${API_ROOT}${trustPath('/exports')}`;
  return html`<h2 class="govuk-heading-m" id="export-heading">Export</h2>
    <p class="govuk-body">Download what you can see, in the same columns the import takes. Ratings are the newest review cycle’s. Downloads of ratings, risks and succession plans are recorded in the audit log.</p>
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
          ...kindOptions(),
          value: s.kind,
        })}
        ${kindsGuide()}
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
