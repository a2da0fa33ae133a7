package io.callbill.api.web;

import io.callbill.api.security.Role;
import io.callbill.api.web.request.PlatformCallRequest;
import io.callbill.api.web.request.PlatformEndCallRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call platform's media layer (role {@code platform}, a service account): it knows when a call really connected,
 * that it is still up, and how long it lasted, for any call. Under {@code measured} metering its accept is the connect
 * and its end's duration is billed (capped at maxSeconds). It names the call's caller, the key of billing's commands.
 * It cannot start calls or move coins: every other route is 403 for it.
 */
@RestController
@RequestMapping("/platform/calls")
@Tag(name = "Platform")
public class PlatformCallsController {

  private final CommandSender commands;

  public PlatformCallsController(CommandSender commands) {
    this.commands = commands;
  }

  @PostMapping("/accept")
  @Operation(summary = "The media layer reports the call connected (the connect under measured metering); answers "
      + "where the call stands (CallProgress)")
  public CompletableFuture<ResponseEntity<ApiResponse>> accept(@AuthenticationPrincipal Jwt user,
      @RequestBody PlatformCallRequest body, HttpServletRequest request) {
    var accept = body.toAccept();
    return asPlatform(user, request, body.validCallerId(), accept);
  }

  @PostMapping("/heartbeat")
  @Operation(summary = "The media layer reports the call still up; answers the seconds confirmed and left")
  public CompletableFuture<ResponseEntity<ApiResponse>> heartbeat(@AuthenticationPrincipal Jwt user,
      @RequestBody PlatformCallRequest body, HttpServletRequest request) {
    var heartbeat = body.toHeartbeat();
    return asPlatform(user, request, body.validCallerId(), heartbeat);
  }

  @PostMapping("/end")
  @Operation(summary = "The media layer ends the call with its connected duration, billed under measured metering "
      + "(capped at maxSeconds); settled once, whoever ends it")
  public CompletableFuture<ResponseEntity<ApiResponse>> end(@AuthenticationPrincipal Jwt user,
      @RequestBody PlatformEndCallRequest body, HttpServletRequest request) {
    var end = body.toCommand();
    return asPlatform(user, request, body.validCallerId(), end);
  }

  private CompletableFuture<ResponseEntity<ApiResponse>> asPlatform(Jwt user, HttpServletRequest request,
      String callerId, Object payload) {
    return commands.send(CommandOrigin.of(Role.PLATFORM, user, request), callerId, payload)
        .thenApply(Replies::toResponse);
  }
}
