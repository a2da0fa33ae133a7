package io.callbill.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One call of a history page, as the seed answers it: the other party ({@code userId}, {@code name},
 * {@code profileImage}), the call's type and status, {@code billableDuration} (0 unless completed), the frozen
 * per-minute rate, the rating message (or null), {@code createdAt} (when the call ended, ISO-8601) and the call id.
 * Then what metering adds after the seed's fields: when the call was accepted and had its last heartbeat (null if
 * never), who ended it ({@code caller}, {@code receiver}, {@code platform}, or billing itself: {@code cutoff} at the
 * balance, {@code abandoned} when the heartbeats stopped; null for calls that closed without an end, e.g.
 * {@code missed} or {@code expired}), and whether the client's claimed duration was disputed. Null values are written
 * as JSON nulls, as the seed does.
 */
@JsonPropertyOrder({"userId", "name", "profileImage", "callType", "status", "billableDuration",
    "femaleEarningPerMinute", "rating", "createdAt", "callId", "acceptedAt", "lastHeartbeatAt", "endedBy",
    "durationDisputed"})
@JsonInclude(Include.ALWAYS)
public record HistoryItem(
    String userId,
    String name,
    String profileImage,
    String callType,
    String status,
    long billableDuration,
    BigDecimal femaleEarningPerMinute,
    String rating,
    String createdAt,
    String callId,
    String acceptedAt,
    String lastHeartbeatAt,
    String endedBy,
    boolean durationDisputed) {

  /** The seed's name of a party without one. */
  public static final String UNKNOWN_USER = "Unknown User";

  /** A caller's name as the seed writes it: first and last name, trimmed; 'Unknown User' when that is empty. */
  public static String callerName(String firstName, String lastName) {
    String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    return name.isEmpty() ? UNKNOWN_USER : name;
  }

  /** A receiver's name as the seed writes it: 'Unknown User' when missing or empty. */
  public static String receiverName(String name) {
    return name == null || name.isEmpty() ? UNKNOWN_USER : name;
  }

  /** The seed shows the billable duration of completed calls only. */
  public static long shownBillableDuration(String status, long billableDuration) {
    return "completed".equals(status) ? billableDuration : 0;
  }
}
