package io.callbill.api.web.request;

import io.callbill.avro.Receiver;
import java.util.List;

/**
 * Body of {@code PUT /admin/receivers/{id}}, a full replacement of the receiver's profile. {@code onlineStatus} and
 * {@code reviewAccepted} default to false; {@code agencyId} null means no agency.
 */
public record ReceiverRequest(String name, String email, String profileImage, Boolean onlineStatus,
    Integer currentLevel, String agencyId, Boolean reviewAccepted, List<String> blockList) {

  /** Highest receiver level. */
  public static final int MAX_LEVEL = 10_000;

  public Receiver toReceiver(String receiverId) {
    return new Receiver(receiverId,
        Inputs.optionalText("name", name, Inputs.MAX_NAME_LENGTH),
        Inputs.optionalText("email", email, Inputs.MAX_EMAIL_LENGTH),
        Inputs.optionalText("profileImage", profileImage, Inputs.MAX_URL_LENGTH),
        Boolean.TRUE.equals(onlineStatus),
        Inputs.number("currentLevel", currentLevel, 0, MAX_LEVEL),
        Inputs.optionalId("agencyId", agencyId),
        Boolean.TRUE.equals(reviewAccepted),
        Inputs.ids("blockList", blockList));
  }
}
