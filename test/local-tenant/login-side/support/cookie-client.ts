// The client moved to src/ so that `npm start` can play a login without a browser too.
export * from "../../../../src/local-tenant/login-side/cookie-client";
