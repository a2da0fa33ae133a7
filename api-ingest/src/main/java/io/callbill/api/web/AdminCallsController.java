package io.callbill.api.web;

import io.callbill.api.history.CallHistoryRepository;
import io.callbill.api.security.Role;
import io.callbill.api.web.request.Inputs;
import io.callbill.api.web.request.RefundRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One call explained, and refunds of settled calls. The explanation is read from the sink's tables (call_history and
 * the call's ledger_entries), so it shows what PostgreSQL holds. Billing keeps a settled call in its caller's partition, so the refund is a command keyed
 * by the call's callerId, which the API reads from the call's row in PostgreSQL (written by the sink): an admin names
 * only the call. A call the sink has not written yet is 404 here (repeat once it has); a call billing no longer keeps
 * ({@code callbill.replay.retention.seconds}) is billing's 404.
 */
@RestController
@RequestMapping("/admin")
@Tag(name = "Admin: calls")
public class AdminCallsController {

  static final String CALL_NOT_FOUND = "Call not found";

  private final CommandSender commands;
  private final CallHistoryRepository history;

  public AdminCallsController(CommandSender commands, CallHistoryRepository history) {
    this.commands = commands;
    this.history = history;
  }

  @GetMapping("/calls/{callId}")
  @Operation(summary = "Explain one call: its record, frozen rates, times, durations, policy, entries and refunds")
  public ResponseEntity<ApiResponse> explain(@PathVariable("callId") String callId) {
    return history.explain(Inputs.id("callId", callId))
        .map(explanation -> ResponseEntity.ok(ApiResponse.ok(null, explanation)))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiResponse.failure(CALL_NOT_FOUND)));
  }

  @PostMapping("/calls/{callId}/refund")
  @Operation(summary = "Refund coins of a settled call (coins omitted: the rest); the same reference refunds once")
  public CompletableFuture<ResponseEntity<ApiResponse>> refund(@AuthenticationPrincipal Jwt user,
      @PathVariable("callId") String callId, @RequestBody RefundRequest body, HttpServletRequest request) {
    String validCallId = Inputs.id("callId", callId);
    var refund = body.toCommand(validCallId);
    Optional<String> callerId = history.callerOfCall(validCallId);
    if (callerId.isEmpty()) {
      return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ApiResponse.failure(CALL_NOT_FOUND)));
    }
    return commands.send(CommandOrigin.of(Role.ADMIN, user, request), callerId.get(), refund)
        .thenApply(Replies::toResponse);
  }
}
