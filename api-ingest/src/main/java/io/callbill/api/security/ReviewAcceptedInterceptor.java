package io.callbill.api.security;

import io.callbill.api.view.ReceiverDirectory;
import io.callbill.api.web.ReviewNotAcceptedException;
import io.callbill.avro.Receiver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The seed's {@code requireReviewAccepted} on every receiver route: the receiver (token subject) must be known and
 * have {@code reviewAccepted}; otherwise 403. Reads the local view of the receivers topic.
 */
public final class ReviewAcceptedInterceptor implements HandlerInterceptor {

  private final ReceiverDirectory receivers;

  public ReviewAcceptedInterceptor(ReceiverDirectory receivers) {
    this.receivers = receivers;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getDispatcherType() != DispatcherType.REQUEST) {
      return true;
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof Jwt user)) {
      throw new ReviewNotAcceptedException();
    }
    boolean accepted = receivers.find(user.getSubject()).map(Receiver::getReviewAccepted).orElse(false);
    if (!accepted) {
      throw new ReviewNotAcceptedException();
    }
    return true;
  }
}
