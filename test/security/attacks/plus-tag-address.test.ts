import { describe } from "vitest";
import { controlsExactAddress, triesLookAlike } from "../support/look-alike";
import { attackSuite } from "../support/recorder";

// Sub-addressing is a provider's convention, not a rule: victim+x may be someone else's mailbox.
const suite = attackSuite("plus-tag-address");

describe("plus tags", () => {
  triesLookAlike(suite, "a plus tag added to the victim's address", "victim+shop@example.com");
  triesLookAlike(
    suite,
    "the victim's tagged address with the tag removed",
    "victim@example.com",
    "victim+work@example.com",
  );
  controlsExactAddress(suite);
  controlsExactAddress(suite, "victim+work@example.com");
});
