import { describe } from "vitest";
import { controlsExactAddress, triesLookAlike } from "../support/look-alike";
import { attackSuite } from "../support/recorder";

const suite = attackSuite("surrounding-spaces-address");

describe("whitespace around the victim's address", () => {
  triesLookAlike(suite, "a leading space", " victim@example.com");
  triesLookAlike(suite, "a trailing space", "victim@example.com ");
  triesLookAlike(suite, "a trailing tab and newline", "victim@example.com\t\n");
  triesLookAlike(suite, "a no-break space", "victim@example.com\u00a0");
  controlsExactAddress(suite);
});
