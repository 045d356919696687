// govuk-frontend ships JavaScript without type declarations; these cover what trellis calls.
declare module 'govuk-frontend' {
  export interface InitConfig {
    scope?: Element | Document | null;
    errorSummary?: { disableAutoFocus?: boolean };
  }
  export function initAll(config?: InitConfig | Element | Document): void;
}
