package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.SettledCall;
import io.callbill.billing.reference.ReferenceData;
import java.util.Optional;

/** What the handlers may read of one caller's partition; they decide from it and change nothing. */
interface CallerView {

  ReferenceData reference();

  long balance(String callerId);

  Optional<ActiveCall> ongoing(String callerId);

  /** A closed call kept for replays, with the time it was kept at; empty once forgotten or never closed. */
  Optional<Kept> settled(String callId);

  boolean coinsCredited(String callerId, String reference);

  record Kept(SettledCall call, long keptAt) {
  }
}
