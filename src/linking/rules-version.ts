// Written into every audit record, so that a link can be traced to the rules that made it. Bump
// it with any change to who links with whom or what travels.
export const RULES_VERSION = 2;
