import { describe } from "vitest";
import { controlsExactAddress, triesLookAlike } from "../support/look-alike";
import { attackSuite } from "../support/recorder";

// Gmail ignores dots; other providers do not. Linking never assumes a provider's convention.
const suite = attackSuite("dotted-local-part-address");

describe("dots in the local part", () => {
  triesLookAlike(suite, "a dot inside the local part", "vic.tim@example.com");
  triesLookAlike(suite, "Gmail-style dots", "v.i.c.t.i.m@gmail.com", "victim@gmail.com");
  triesLookAlike(suite, "a trailing dot on the domain", "victim@example.com.");
  controlsExactAddress(suite);
  controlsExactAddress(suite, "victim@gmail.com");
});
