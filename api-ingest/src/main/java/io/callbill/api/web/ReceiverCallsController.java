package io.callbill.api.web;

import io.callbill.avro.Reason;
import io.callbill.schemas.SeedAnswers;
import io.callbill.api.security.Role;
import io.callbill.api.view.OngoingCalls;
import io.callbill.api.web.request.CallIdRequest;
import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallParty;
import io.callbill.avro.Heartbeat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The receiver's side of an ongoing call (receivers whose review was accepted): she answers it, and her app proves it
 * is still up. Her body names the call only; billing's commands are keyed by the call's caller, whom the API finds in
 * its copy of the active-calls topic among her own ongoing calls. Billing checks again that the call is hers.
 */
@RestController
@RequestMapping("/female-user/calls")
@Tag(name = "Receiver")
public class ReceiverCallsController {

  /** The seed's answer to an end of an unknown call; the same for an accept or heartbeat of one. */
  public static final String CALL_NOT_FOUND = SeedAnswers.message(Reason.SESSION_NOT_FOUND);

  private final CommandSender commands;
  private final OngoingCalls ongoingCalls;

  public ReceiverCallsController(CommandSender commands, OngoingCalls ongoingCalls) {
    this.commands = commands;
    this.ongoingCalls = ongoingCalls;
  }

  @PostMapping("/accept")
  @Operation(summary = "Answer a call made to this receiver: under measured metering with connect=accept (the "
      + "default) billing counts from here. Answers where the call stands (CallProgress); a second accept gets the "
      + "same answer")
  public CompletableFuture<ResponseEntity<ApiResponse>> accept(@AuthenticationPrincipal Jwt user,
      @RequestBody CallIdRequest body, HttpServletRequest request) {
    String callId = body.validCallId();
    return toCallersPartition(user, request, callId,
        receiverId -> new AcceptCall(callId, CallParty.receiver, receiverId));
  }

  @PostMapping("/heartbeat")
  @Operation(summary = "The call is still up on the receiver's side; answers the seconds confirmed so far and the "
      + "seconds left before cutoff. Once a call had one, silence from both sides for the heartbeat timeout settles "
      + "it at the last one (abandoned)")
  public CompletableFuture<ResponseEntity<ApiResponse>> heartbeat(@AuthenticationPrincipal Jwt user,
      @RequestBody CallIdRequest body, HttpServletRequest request) {
    String callId = body.validCallId();
    return toCallersPartition(user, request, callId,
        receiverId -> new Heartbeat(callId, CallParty.receiver, receiverId));
  }

  /** Sends the command built for this receiver to the call's caller, or answers 400 when it is not her call. */
  private CompletableFuture<ResponseEntity<ApiResponse>> toCallersPartition(Jwt user, HttpServletRequest request,
      String callId, Function<String, Object> command) {
    CommandOrigin origin = CommandOrigin.of(Role.RECEIVER, user, request);
    String receiverId = user.getSubject();
    return ongoingCalls.callerOfCallTo(callId, receiverId).thenCompose(callerId -> callerId.isEmpty()
        ? CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.BAD_REQUEST)
            .body(ApiResponse.failure(CALL_NOT_FOUND)))
        : commands.send(origin, callerId.get(), command.apply(receiverId)).thenApply(Replies::toResponse));
  }
}
