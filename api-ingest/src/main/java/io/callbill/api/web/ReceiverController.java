package io.callbill.api.web;

import io.callbill.avro.Reason;
import io.callbill.schemas.SeedAnswers;
import io.callbill.api.history.CallHistoryRepository;
import io.callbill.api.reference.ReferenceDataWriter;
import io.callbill.api.security.Role;
import io.callbill.api.view.WalletBalances;
import io.callbill.api.web.reply.BalanceView;
import io.callbill.api.web.request.RateCallRequest;
import io.callbill.api.web.request.ReceiverEndCallRequest;
import io.callbill.api.web.request.ReceiverStatusRequest;
import io.callbill.avro.RateCall;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The receiver's routes (the seed's female user), open to receivers whose review was accepted: end and rate a call
 * made to them, go online or offline, read their wallet. (History and stats: {@link CallHistoryController}.)
 */
@RestController
@RequestMapping("/female-user")
@Tag(name = "Receiver")
public class ReceiverController {

  private final CommandSender commands;
  private final ReferenceDataWriter referenceData;
  private final WalletBalances wallets;
  private final CallHistoryRepository history;

  public ReceiverController(CommandSender commands, ReferenceDataWriter referenceData, WalletBalances wallets,
      CallHistoryRepository history) {
    this.commands = commands;
    this.referenceData = referenceData;
    this.wallets = wallets;
    this.history = history;
  }

  @PostMapping("/calls/end")
  @Operation(summary = "End a call made to this receiver and settle it (once, whoever ends it)")
  public CompletableFuture<ResponseEntity<ApiResponse>> end(@AuthenticationPrincipal Jwt user,
      @RequestBody ReceiverEndCallRequest body, HttpServletRequest request) {
    var end = body.toCommand(user.getSubject());
    // Keyed by the caller the body names; billing-streams refuses a call that is not this receiver's.
    return commands.send(CommandOrigin.of(Role.RECEIVER, user, request), body.callerId(), end)
        .thenApply(Replies::toResponse);
  }

  /** The seed's 404 of a call that is not in the history or was not made to this receiver. */
  public static final String RATING_CALL_NOT_FOUND = SeedAnswers.message(Reason.RATING_CALL_NOT_FOUND);

  @PostMapping("/calls/rate")
  @Operation(summary = "Rate a call made to this receiver, once, 1 to 5 stars")
  public CompletableFuture<ResponseEntity<ApiResponse>> rate(@AuthenticationPrincipal Jwt user,
      @RequestBody RateCallRequest body, HttpServletRequest request) {
    String callId = body.validCallId();
    int stars = body.validStars();
    CommandOrigin origin = CommandOrigin.of(Role.RECEIVER, user, request);
    // The call's caller owns it in billing (the command's key); the history says who that is, and only for calls
    // made to this receiver. Billing checks it again and decides (rated once, within its retention).
    Optional<String> callerId = history.callerOfCallReceivedBy(callId, user.getSubject());
    if (callerId.isEmpty()) {
      return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ApiResponse.failure(RATING_CALL_NOT_FOUND)));
    }
    return commands.send(origin, callerId.get(), new RateCall(callId, user.getSubject(), stars))
        .thenApply(Replies::toResponse);
  }

  /** Writes only her status (the review check already found her): the admin's profile is never rewritten here. */
  @PutMapping("/status")
  @Operation(summary = "Go online or offline")
  public CompletableFuture<ResponseEntity<ApiResponse>> status(@AuthenticationPrincipal Jwt user,
      @RequestBody ReceiverStatusRequest body) {
    boolean online = body.online();
    return referenceData.putReceiverStatus(user.getSubject(), online).thenApply(written -> ResponseEntity.ok(
        ApiResponse.ok(online ? "You are online" : "You are offline", Map.of("onlineStatus", online))));
  }

  @GetMapping("/wallet")
  @Operation(summary = "The receiver's wallet balance: {\"balance\": N}")
  public ResponseEntity<ApiResponse> wallet(@AuthenticationPrincipal Jwt user) {
    return ResponseEntity.ok(ApiResponse.ok(null, new BalanceView(wallets.receiver(user.getSubject()))));
  }
}
