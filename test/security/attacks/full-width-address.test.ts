import { describe } from "vitest";
import { controlsExactAddress, triesLookAlike } from "../support/look-alike";
import { attackSuite } from "../support/recorder";

const suite = attackSuite("full-width-address");

describe("full-width forms of the victim's address", () => {
  triesLookAlike(
    suite,
    "full-width local part",
    "\uff56\uff49\uff43\uff54\uff49\uff4d@example.com",
  );
  triesLookAlike(suite, "full-width commercial at", "victim\uff20example.com");
  triesLookAlike(
    suite,
    "full-width domain",
    "victim@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com",
  );
  controlsExactAddress(suite);
});
