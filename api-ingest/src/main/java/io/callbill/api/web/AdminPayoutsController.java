package io.callbill.api.web;

import io.callbill.api.security.Role;
import io.callbill.api.web.request.Inputs;
import io.callbill.api.web.request.PayoutRequest;
import io.callbill.avro.AccountType;
import io.callbill.schemas.AccountKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payouts of receivers and agencies. Their wallets live in billing's account partitions, so a payout is a command
 * keyed by the wallet's accountKey (the partition that owns it); billing debits it never below zero (400 with the
 * balance) and once per reference, and answers with the balance after.
 */
@RestController
@RequestMapping("/admin")
@Tag(name = "Admin: wallets")
public class AdminPayoutsController {

  private final CommandSender commands;

  public AdminPayoutsController(CommandSender commands) {
    this.commands = commands;
  }

  @PostMapping("/receivers/{id}/payouts")
  @Operation(summary = "Pay a receiver out of her wallet; the same reference twice pays once. Answers the balance")
  public CompletableFuture<ResponseEntity<ApiResponse>> payReceiver(@AuthenticationPrincipal Jwt user,
      @PathVariable("id") String id, @RequestBody PayoutRequest body, HttpServletRequest request) {
    return payOut(AccountType.receiver, Inputs.id("receiverId", id), body, user, request);
  }

  @PostMapping("/agencies/{id}/payouts")
  @Operation(summary = "Pay an agency out of its wallet; the same reference twice pays once. Answers the balance")
  public CompletableFuture<ResponseEntity<ApiResponse>> payAgency(@AuthenticationPrincipal Jwt user,
      @PathVariable("id") String id, @RequestBody PayoutRequest body, HttpServletRequest request) {
    return payOut(AccountType.agency, Inputs.id("agencyId", id), body, user, request);
  }

  private CompletableFuture<ResponseEntity<ApiResponse>> payOut(AccountType type, String accountId,
      PayoutRequest body, Jwt user, HttpServletRequest request) {
    var payout = body.toCommand(type, accountId);
    return commands.send(CommandOrigin.of(Role.ADMIN, user, request), AccountKeys.of(type, accountId), payout)
        .thenApply(Replies::toResponse);
  }
}
