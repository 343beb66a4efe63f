/**
 * Runs an action of the ticket page (a POST to the backend), then reloads the ticket; a failure is
 * shown as the page's translated error. Resolves to true when the action succeeded.
 */
export type RunAction = (action: () => Promise<unknown>) => Promise<boolean>;
