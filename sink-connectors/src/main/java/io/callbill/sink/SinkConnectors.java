package io.callbill.sink;

import java.util.List;

/**
 * The sink connectors, one per table: each reads one Callbill topic and upserts its records by key (the active-calls
 * connector also deletes on tombstones). Their configurations are {@code src/main/connect/connectors/NAME.json}.
 */
public final class SinkConnectors {

  public static final String CALL_HISTORY = "callbill-call-history-sink";
  public static final String LEDGER = "callbill-ledger-sink";
  public static final String ACTIVE_CALLS = "callbill-active-calls-sink";
  public static final String CALLERS = "callbill-callers-sink";
  public static final String RECEIVERS = "callbill-receivers-sink";
  /** Receivers' own online status, into receiver_status (a trigger keeps receivers.online_status effective). */
  public static final String RECEIVER_STATUS = "callbill-receiver-status-sink";

  public static final List<String> ALL = List.of(CALL_HISTORY, LEDGER, ACTIVE_CALLS, CALLERS, RECEIVERS,
      RECEIVER_STATUS);

  private SinkConnectors() {
  }
}
