import { describe } from "vitest";
import { controlsExactAddress, triesLookAlike } from "../support/look-alike";
import { attackSuite } from "../support/recorder";

const suite = attackSuite("unicode-confusable-address");

describe("Unicode confusables of the victim's address", () => {
  triesLookAlike(suite, "Cyrillic i (U+0456) in the local part", "vict\u0456m@example.com");
  triesLookAlike(suite, "Cyrillic e and o in the domain", "victim@\u0435xample.c\u043em");
  triesLookAlike(suite, "Greek omicron in the domain", "victim@example.c\u03bfm");
  triesLookAlike(suite, "a combining dot after the i", "vi\u0307ctim@example.com");
  triesLookAlike(
    suite,
    "NFC and NFD forms differ",
    "jose\u0301@example.com",
    "jos\u00e9@example.com",
  );
  triesLookAlike(suite, "a zero-width space", "vic\u200btim@example.com");
  controlsExactAddress(suite);
  controlsExactAddress(suite, "jos\u00e9@example.com");
});
