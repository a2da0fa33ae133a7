package io.callbill.api.web;

import io.callbill.api.security.Role;
import io.callbill.api.web.request.CallIdRequest;
import io.callbill.api.web.request.CallerEndCallRequest;
import io.callbill.api.web.request.StartCallRequest;
import io.callbill.avro.ActiveCallQuery;
import io.callbill.avro.CallParty;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.WalletQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's routes (the seed's male user): start, keep alive, end and read their own call, read their coin
 * balance.
 */
@RestController
@RequestMapping("/male-user")
@Tag(name = "Caller")
public class CallerCallsController {

  private final CommandSender commands;

  public CallerCallsController(CommandSender commands) {
    this.commands = commands;
  }

  @PostMapping("/calls/start")
  @Operation(summary = "Start a call: checks balance and receiver, freezes the rates, answers maxSeconds",
      description = "Under the default metering (measured, connect=accept) billing counts from the receiver's "
          + "accept (POST /female-user/calls/accept or /platform/calls/accept), not from this start: a call nobody "
          + "accepts within the ring timeout closes as missed, free, and an end before the accept is not_connected. "
          + "A platform whose apps never send an accept must run billing with CALLBILL_METERING_CONNECT=start (or "
          + "CALLBILL_METERING=reported): otherwise every call of it ends free.")
  public CompletableFuture<ResponseEntity<ApiResponse>> start(@AuthenticationPrincipal Jwt user,
      @RequestBody StartCallRequest body, HttpServletRequest request) {
    var start = body.toCommand();
    return asCaller(user, request, start).thenApply(Replies::toResponse);
  }

  @PostMapping("/calls/end")
  @Operation(summary = "End the caller's call and settle it (once, whoever ends it and however often)")
  public CompletableFuture<ResponseEntity<ApiResponse>> end(@AuthenticationPrincipal Jwt user,
      @RequestBody CallerEndCallRequest body, HttpServletRequest request) {
    var end = body.toCommand();
    return asCaller(user, request, end).thenApply(Replies::toResponse);
  }

  @PostMapping("/calls/heartbeat")
  @Operation(summary = "The call is still up on the caller's side; answers the seconds confirmed so far and the "
      + "seconds left before cutoff. Once a call had one, silence from both sides for the heartbeat timeout settles "
      + "it at the last one (abandoned)")
  public CompletableFuture<ResponseEntity<ApiResponse>> heartbeat(@AuthenticationPrincipal Jwt user,
      @RequestBody CallIdRequest body, HttpServletRequest request) {
    var heartbeat = new Heartbeat(body.validCallId(), CallParty.caller, null);
    return asCaller(user, request, heartbeat).thenApply(Replies::toResponse);
  }

  @GetMapping("/calls/active")
  @Operation(summary = "The caller's ongoing call with its current maxSeconds (a top-up during the call raises it) "
      + "and acceptedAt (null while it rings), or data null")
  public CompletableFuture<ResponseEntity<ApiResponse>> active(@AuthenticationPrincipal Jwt user,
      HttpServletRequest request) {
    return asCaller(user, request, new ActiveCallQuery()).thenApply(Replies::toResponse);
  }

  @GetMapping("/wallet")
  @Operation(summary = "The caller's coin balance: {\"balance\": N}")
  public CompletableFuture<ResponseEntity<ApiResponse>> wallet(@AuthenticationPrincipal Jwt user,
      HttpServletRequest request) {
    return asCaller(user, request, new WalletQuery()).thenApply(Replies::toBalanceResponse);
  }

  /** Sends {@code payload} on the caller's own account, as the caller. */
  private CompletableFuture<CommandReply> asCaller(Jwt user, HttpServletRequest request, Object payload) {
    return commands.send(CommandOrigin.of(Role.CALLER, user, request), user.getSubject(), payload);
  }
}
