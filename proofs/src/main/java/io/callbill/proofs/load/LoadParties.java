package io.callbill.proofs.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The accounts and rates a load run uses, all derived from the options: honest callers {@code <prefix>-c-<n>} first,
 * then the adversarial share {@code <prefix>-<behaviour>-<n>} (behaviours handed out in turn), receivers
 * {@code <prefix>-r-<n>} alternating between two levels, every second one with the agency {@code <prefix>-agency};
 * rates with decimals so the rounding rules are exercised.
 *
 * @param behaviours every caller with its behaviour, honest ones first
 */
public record LoadParties(String prefix, List<String> callers, Map<String, Behaviour> behaviours,
                          List<Receiver> receivers, int adminSharePercent) {

  public static final int LEVEL_A = 7101;
  public static final int LEVEL_B = 7102;
  public static final int ADMIN_SHARE_PERCENT = 60;

  /** A level's rates per minute: audio and video earnings, the margins for agency and non-agency receivers. */
  public record Level(int number, BigDecimal audio, BigDecimal video, BigDecimal agencyMargin,
                      BigDecimal nonAgencyMargin) {

    public String json() {
      return "{\"isActive\":true,\"audioRatePerMinute\":" + audio.toPlainString() + ",\"videoRatePerMinute\":"
          + video.toPlainString() + ",\"platformMarginPerMinute\":{\"agency\":" + agencyMargin.toPlainString()
          + ",\"nonAgency\":" + nonAgencyMargin.toPlainString() + "}}";
    }
  }

  public static final List<Level> LEVELS = List.of(
      new Level(LEVEL_A, new BigDecimal("30.5"), new BigDecimal("40.25"), new BigDecimal("12.3"),
          new BigDecimal("7.75")),
      new Level(LEVEL_B, new BigDecimal("17"), new BigDecimal("23.3333"), new BigDecimal("5.5"),
          new BigDecimal("11.1111")));

  /** A receiver: her level and agency (or null). */
  public record Receiver(String id, Level level, String agencyId) {

    /** The rates frozen at the start of a call of this type ("audio" or "video"). */
    public RatePlan plan(String callType, int adminSharePercent) {
      BigDecimal rate = callType.equals("video") ? level.video() : level.audio();
      return agencyId == null ? new RatePlan(rate, level.nonAgencyMargin(), 100)
          : new RatePlan(rate, level.agencyMargin(), adminSharePercent);
    }
  }

  /** All callers honest. */
  public static LoadParties of(String prefix, int callers, int receivers) {
    return of(prefix, callers, receivers, 0);
  }

  /**
   * {@code adversarialPercent} of the callers (rounded up, at least one honest caller left for the warm-up) get an
   * adversarial behaviour, the kinds of {@link Behaviour#ADVERSARIAL} in turn.
   */
  public static LoadParties of(String prefix, int callers, int receivers, int adversarialPercent) {
    int adversarial = Math.min(callers - 1, (callers * adversarialPercent + 99) / 100);
    Map<String, Behaviour> behaviours = new LinkedHashMap<>();
    for (int n = 1; n <= callers - adversarial; n++) {
      behaviours.put(prefix + "-c-" + n, Behaviour.HONEST);
    }
    for (int i = 0; i < adversarial; i++) {
      Behaviour kind = Behaviour.ADVERSARIAL.get(i % Behaviour.ADVERSARIAL.size());
      behaviours.put(prefix + "-" + kind.label() + "-" + (i / Behaviour.ADVERSARIAL.size() + 1), kind);
    }
    String agency = agencyId(prefix);
    return new LoadParties(prefix, List.copyOf(new ArrayList<>(behaviours.keySet())), Map.copyOf(behaviours),
        IntStream.rangeClosed(1, receivers).mapToObj(n -> new Receiver(prefix + "-r-" + n,
            LEVELS.get((n - 1) % 2), n % 2 == 0 ? agency : null)).toList(),
        ADMIN_SHARE_PERCENT);
  }

  public Behaviour behaviour(String callerId) {
    return behaviours.getOrDefault(callerId, Behaviour.HONEST);
  }

  /** Callers whose coins are topped up only to what one call past the balance needs (no large credit). */
  public boolean shortOfCoins(String callerId) {
    return behaviour(callerId) == Behaviour.PAST_BALANCE;
  }

  public static String agencyId(String prefix) {
    return prefix + "-agency";
  }

  public String agencyId() {
    return agencyId(prefix);
  }
}
