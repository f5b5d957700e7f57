// The browser harness: Debian's Chromium through the local tenant's login side, with a test
// application. Reused by the browser tests and `npm start -- --browser`.
export { type BrowserStory, type BrowserStoryOptions, startBrowserStory } from "./browser-story";
export { chromiumPath, type LocalBrowser, launchChromium, type TrustedServer } from "./chromium";
export { type IdTokenClaims, verifiedIdTokenClaims } from "./id-token";
export {
  applicationError,
  signedInSubject,
  signInWithPassword,
  signInWithProvider,
} from "./sign-in";
export { type AppClient, type AppOutcome, startTestApp, type TestApp } from "./test-app";
