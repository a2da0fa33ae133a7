package io.callbill.api.web.request;

import io.callbill.avro.Caller;
import java.util.List;

/** Body of {@code PUT /admin/callers/{id}}, a full replacement of the caller's profile. */
public record CallerRequest(String firstName, String lastName, String email, String profileImage,
    List<String> blockList) {

  public Caller toCaller(String callerId) {
    return new Caller(callerId,
        Inputs.optionalText("firstName", firstName, Inputs.MAX_NAME_LENGTH),
        Inputs.optionalText("lastName", lastName, Inputs.MAX_NAME_LENGTH),
        Inputs.optionalText("email", email, Inputs.MAX_EMAIL_LENGTH),
        Inputs.optionalText("profileImage", profileImage, Inputs.MAX_URL_LENGTH),
        Inputs.ids("blockList", blockList));
  }
}
