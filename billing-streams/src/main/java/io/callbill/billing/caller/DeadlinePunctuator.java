package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.billing.metrics.BillingSensors;
import io.callbill.billing.time.DueIndex;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.Punctuator;

/**
 * The session's clock (wall-clock punctuation): reads only the deadlines already due, at most
 * {@code callbill.session.deadlines.per.punctuation} of them, and hands each session's due deadlines, earliest
 * first, to the processor to apply. Its cost follows the deadlines due, never the calls open.
 *
 * <p>A deadline and an end at the same moment settle once: whichever billing processes first closes the session;
 * the other finds it closed (an end then gets the kept settlement; a deadline entry finds no session).
 */
final class DeadlinePunctuator implements Punctuator {

  /** One session has at most this many deadlines due at once (warning, then a closing). */
  private static final int MAX_DUE_PER_SESSION = SessionDeadlines.Kind.values().length;

  private final DueIndex index;
  private final OpenSessions sessions;
  private final SessionDeadlines deadlines;
  private final SessionTimeouts timeouts;
  private final ToLongFunction<String> balanceOf;
  private final Consumer<Decision> apply;
  private final int limit;
  private final BillingSensors sensors;
  private boolean upgradeChecked;

  DeadlinePunctuator(DueIndex index, OpenSessions sessions, SessionDeadlines deadlines, SessionTimeouts timeouts,
                     ToLongFunction<String> balanceOf, Consumer<Decision> apply, int limit, BillingSensors sensors) {
    this.index = index;
    this.sessions = sessions;
    this.deadlines = deadlines;
    this.timeouts = timeouts;
    this.balanceOf = balanceOf;
    this.apply = apply;
    this.limit = limit;
    this.sensors = sensors;
  }

  @Override
  public void punctuate(long timestamp) {
    long started = System.nanoTime();
    Instant now = Instant.ofEpochMilli(timestamp);
    if (!upgradeChecked) {
      // In a punctuation, not in init(): store writes need the record context a punctuation has.
      sessions.indexSessionsWithoutDeadlines();
      upgradeChecked = true;
    }
    List<DueIndex.Due> dueNow = index.due(now, limit);
    for (DueIndex.Due due : dueNow) {
      ActiveCall session = sessions.get(due.id());
      if (session == null || !due.at().equals(deadlines.indexedAt(session))) {
        sessions.forgetStaleDeadline(due.at(), due.id());
        continue;
      }
      for (int i = 0; i < MAX_DUE_PER_SESSION && session != null; i++) {
        Optional<SessionDeadlines.Deadline> next = deadlines.next(session);
        if (next.isEmpty() || next.get().at().isAfter(now)) {
          break;
        }
        Decision decision = timeouts.decide(session, next.get(), balanceOf.applyAsLong(session.getCallerId()));
        apply.accept(decision);
        session = decision instanceof Decision.SessionChanged changed ? changed.after() : null;
      }
    }
    sensors.deadlinePunctuation(dueNow.size(), System.nanoTime() - started);
  }
}
