package io.sereca.attestation.internal;

import io.sereca.attestation.Evidence;
import io.sereca.attestation.MalformedEvidenceException;

/** Intel DCAP quotes: SGX v3 (and v4/v5 SGX bodies), TDX v4 and v5. */
final class IntelQuoteFormat implements EvidenceFormat {

  @Override
  public String name() {
    return "Intel DCAP quote";
  }

  @Override
  public boolean recognises(byte[] evidence) {
    return IntelQuote.looksLikeQuote(evidence);
  }

  @Override
  public ParsedEvidence parse(byte[] evidence) throws MalformedEvidenceException {
    try {
      IntelQuote quote = IntelQuote.parse(evidence);
      return new ParsedIntelQuote(quote, Evidence.create(quote.identity, quote.pckChain));
    } catch (RuntimeException e) {
      // Defence in depth: the parser checks every bound, but no surprise may escape unchecked.
      throw new MalformedEvidenceException("Intel quote could not be parsed: " + e, e);
    }
  }
}
