import { get } from '../api';
import { heading, table } from '../components';
import { html } from '../html';
import type { Page } from '../router';
import { chooseTrust, state } from '../session';
import type { ListPage, Trust } from '../types';
import { forbiddenPage } from './errors';

// Platform administrators work across trusts: this picks the one the other screens show.
export async function trustsPage(onChosen: () => void): Promise<Page> {
  if (state.user?.role !== 'platform_admin') return forbiddenPage();
  const answer = await get<ListPage<Trust> | Trust[]>('/trusts', { limit: 500 });
  const trusts = Array.isArray(answer) ? answer : answer.items;
  return {
    title: 'Trusts',
    section: 'trusts',
    body: html`${heading('Trusts')}
      ${table({
        caption: 'Trusts on this platform',
        captionHidden: true,
        head: [{ text: 'Trust' }, { text: 'Reference' }, { text: 'Action' }],
        rows: trusts.map((t) => [
          t.name,
          t.reference ?? '',
          state.trust?.id === t.id
            ? 'Currently shown'
            : html`<button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-trust-id="${t.id}">Show<span class="govuk-visually-hidden"> ${t.name}</span></button>`,
        ]),
        rowHeaders: true,
        empty: 'There are no trusts yet.',
      })}`,
    mount: (main) => {
      main.querySelectorAll<HTMLButtonElement>('button[data-trust-id]').forEach((button) =>
        button.addEventListener('click', () => {
          void chooseTrust(Number(button.dataset.trustId)).then(onChosen);
        }),
      );
    },
  };
}
