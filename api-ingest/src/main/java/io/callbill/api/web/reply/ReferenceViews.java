package io.callbill.api.web.reply;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callbill.avro.Agency;
import io.callbill.avro.Caller;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import java.math.BigDecimal;
import java.util.List;

/** The stored reference objects as the admin routes answer them, with CONTRACT.md's field names. */
public final class ReferenceViews {

  private ReferenceViews() {
  }

  public record LevelConfigView(int level, @JsonProperty("isActive") boolean isActive,
      BigDecimal audioRatePerMinute, BigDecimal videoRatePerMinute, MarginView platformMarginPerMinute) {
  }

  public record MarginView(BigDecimal agency, BigDecimal nonAgency) {
  }

  public record PlatformConfigView(long minCallCoins, BigDecimal adminSharePercentage) {
  }

  public record CallerView(String callerId, String firstName, String lastName, String email, String profileImage,
      List<String> blockList) {
  }

  public record ReceiverView(String receiverId, String name, String email, String profileImage,
      boolean onlineStatus, int currentLevel, String agencyId, boolean reviewAccepted, List<String> blockList) {
  }

  public record AgencyView(String agencyId, String name) {
  }

  public static LevelConfigView of(LevelConfig config) {
    return new LevelConfigView(config.getLevel(), config.getIsActive(), config.getAudioRatePerMinute(),
        config.getVideoRatePerMinute(), new MarginView(config.getPlatformMarginPerMinute().getAgency(),
            config.getPlatformMarginPerMinute().getNonAgency()));
  }

  public static PlatformConfigView of(PlatformConfig config) {
    return new PlatformConfigView(config.getMinCallCoins(), config.getAdminSharePercentage());
  }

  public static CallerView of(Caller caller) {
    return new CallerView(caller.getCallerId(), caller.getFirstName(), caller.getLastName(), caller.getEmail(),
        caller.getProfileImage(), caller.getBlockList());
  }

  public static ReceiverView of(Receiver receiver) {
    return new ReceiverView(receiver.getReceiverId(), receiver.getName(), receiver.getEmail(),
        receiver.getProfileImage(), receiver.getOnlineStatus(), receiver.getCurrentLevel(), receiver.getAgencyId(),
        receiver.getReviewAccepted(), receiver.getBlockList());
  }

  public static AgencyView of(Agency agency) {
    return new AgencyView(agency.getAgencyId(), agency.getName());
  }
}
