package io.callbill.api.web.request;

/** Body of {@code PUT /female-user/status}. */
public record ReceiverStatusRequest(Boolean onlineStatus) {

  public boolean online() {
    return Inputs.flag("onlineStatus", onlineStatus);
  }
}
