// The page template around every screen: header (service name, trust, who is signed in,
// sign out) and navigation. The footer is static in index.html.

import { initAll } from 'govuk-frontend';
import { html, nothing } from './html';
import { canExport, canImport, canManagePersonalData, canReadSuccession, canSeeSuccession, canSeeTalentReview, roleLabel, state } from './session';

interface NavItem {
  section: string;
  href: string;
  text: string;
}

function navItems(): NavItem[] {
  if (!state.user) return [];
  const items: NavItem[] = [
    { section: 'overview', href: '#/overview', text: 'Overview' },
    { section: 'schools', href: '#/schools', text: 'Schools' },
    { section: 'people', href: '#/people', text: 'People' },
    { section: 'posts', href: '#/posts', text: 'Posts' },
    { section: 'governance', href: '#/governance', text: 'Governance' },
  ];
  if (canSeeTalentReview()) items.push({ section: 'talent-review', href: '#/talent-review', text: 'Talent review' });
  if (canSeeSuccession()) items.push({ section: 'succession', href: '#/succession', text: 'Succession' });
  else if (canReadSuccession()) items.push({ section: 'succession', href: '#/succession/plans', text: 'Succession' });
  items.push({ section: 'development', href: '#/development', text: 'Development' });
  items.push({ section: 'competencies', href: '#/competencies', text: 'Competencies' });
  if (canImport()) items.push({ section: 'import', href: '#/import', text: 'Import' });
  else if (canExport()) items.push({ section: 'export', href: '#/export', text: 'Export' });
  if (canManagePersonalData()) items.push({ section: 'personal-data', href: '#/personal-data', text: 'Personal data' });
  if (state.user.role === 'platform_admin') items.push({ section: 'trusts', href: '#/trusts', text: 'Trusts' });
  return items;
}

export function renderHeader(section: string | undefined): void {
  const header = document.getElementById('app-header');
  if (!header) return;
  const user = state.user;
  const items = navItems();
  const markup = html`
    <div class="govuk-generic-header">
      <div class="govuk-generic-header__container govuk-width-container">
        <div class="govuk-generic-header__logo">
          <a href="${user ? '#/overview' : '#/sign-in'}" class="govuk-generic-header__homepage-link">trellis</a>
        </div>
      </div>
    </div>
    <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <span class="govuk-service-navigation__service-name">
            <span class="govuk-service-navigation__text" id="trust-name">${state.trust?.name ?? (user ? 'No trust' : 'Talent and succession')}</span>
          </span>
          ${items.length
            ? html`<nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">Menu</button>
                <ul class="govuk-service-navigation__list" id="navigation">
                  ${items.map((item) =>
                    item.section === section
                      ? html`<li class="govuk-service-navigation__item govuk-service-navigation__item--active">
                          <a class="govuk-service-navigation__link" href="${item.href}" aria-current="page"><strong class="govuk-service-navigation__active-fallback">${item.text}</strong></a></li>`
                      : html`<li class="govuk-service-navigation__item">
                          <a class="govuk-service-navigation__link" href="${item.href}">${item.text}</a></li>`,
                  )}
                  <li class="govuk-service-navigation__item">
                    <a class="govuk-service-navigation__link" href="#/sign-out" id="sign-out">Sign out</a>
                  </li>
                </ul>
              </nav>`
            : nothing}
        </div>
        ${user
          ? html`<p class="app-user govuk-body" id="signed-in-user">Signed in as <strong>${user.display_name || user.email}</strong> (${roleLabel(user.role)})</p>`
          : nothing}
      </div>
    </section>`;
  header.innerHTML = markup.value;
  initAll({ scope: header });
}
