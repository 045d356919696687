// A notice carried to the next page ("Rating adjusted", "Plan created"): left by the page that
// made the change, shown once, on the page it was left for only.

import { notificationBanner } from './components';
import { nothing, type SafeHtml } from './html';

interface Notice {
  hash: string;
  heading: string;
  content?: SafeHtml;
}

let pending: Notice | null = null;

export function leaveNotice(hash: string, heading: string, content?: SafeHtml): void {
  pending = { hash, heading, content };
}

// The notice left for the current location, if any (taken: it shows once). A page that shows
// one names `#review-notice` as its focus.
export function takeNotice(): SafeHtml {
  const notice = pending;
  if (!notice || notice.hash !== window.location.hash) return nothing;
  pending = null;
  return notificationBanner({ id: 'review-notice', success: true, heading: notice.heading, content: notice.content });
}
