package io.callbill.api.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of the {@code role} claim and the routes each may use. {@code platform} is a service account of the call
 * platform's media layer: it reports a call's accept, heartbeats and end for any call, and nothing else (it cannot
 * start calls or move coins).
 */
public enum Role {
  CALLER("caller", "/male-user/"),
  RECEIVER("receiver", "/female-user/"),
  ADMIN("admin", "/admin/"),
  PLATFORM("platform", "/platform/");

  /** The authority prefix Spring Security's {@code hasRole} expects. */
  public static final String AUTHORITY_PREFIX = "ROLE_";

  private final String claim;
  private final String routePrefix;

  Role(String claim, String routePrefix) {
    this.claim = claim;
    this.routePrefix = routePrefix;
  }

  /** The value of the {@code role} claim. */
  public String claim() {
    return claim;
  }

  public String routePattern() {
    return routePrefix + "**";
  }

  public String authority() {
    return AUTHORITY_PREFIX + claim;
  }

  public static Optional<Role> requiredFor(String path) {
    return Arrays.stream(values()).filter(role -> path != null && path.startsWith(role.routePrefix)).findFirst();
  }
}
