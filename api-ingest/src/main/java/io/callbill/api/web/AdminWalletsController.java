package io.callbill.api.web;

import io.callbill.api.security.Role;
import io.callbill.api.view.WalletBalances;
import io.callbill.api.web.reply.BalanceView;
import io.callbill.api.web.request.CoinCreditRequest;
import io.callbill.api.web.request.Inputs;
import io.callbill.avro.WalletQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
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
 * Admin money routes: coin credits (once per reference) and every wallet's balance. Callers' coins live with their
 * calls in billing-streams and are asked for; receivers', agencies' and the platform's are read from the local view
 * of the balances topic.
 */
@RestController
@RequestMapping("/admin")
@Tag(name = "Admin: wallets")
public class AdminWalletsController {

  private final CommandSender commands;
  private final WalletBalances wallets;

  public AdminWalletsController(CommandSender commands, WalletBalances wallets) {
    this.commands = commands;
    this.wallets = wallets;
  }

  @PostMapping("/callers/{id}/coins")
  @Operation(summary = "Credit coins to a caller; the same reference twice credits once. Answers coinBalance",
      description = "Only for a caller billing has a profile of: otherwise 404 Caller not found and nothing is "
          + "credited, so a mistyped id never swallows coins. The profile (PUT /admin/callers/{id}) reaches billing "
          + "on another topic than the top-up and a top-up sent right after it can overtake it: on 404, retry the "
          + "same top-up (same reference, a new Idempotency-Key or none) after a short pause; it is credited once.")
  public CompletableFuture<ResponseEntity<ApiResponse>> creditCoins(@AuthenticationPrincipal Jwt user,
      @PathVariable("id") String id, @RequestBody CoinCreditRequest body, HttpServletRequest request) {
    String callerId = Inputs.id("callerId", id);
    var credit = body.toCommand();
    return commands.send(CommandOrigin.of(Role.ADMIN, user, request), callerId, credit)
        .thenApply(Replies::toResponse);
  }

  @GetMapping("/wallets/caller/{id}")
  @Operation(summary = "A caller's coin balance")
  public CompletableFuture<ResponseEntity<ApiResponse>> callerWallet(@AuthenticationPrincipal Jwt user,
      @PathVariable("id") String id, HttpServletRequest request) {
    String callerId = Inputs.id("callerId", id);
    return commands.send(CommandOrigin.of(Role.ADMIN, user, request), callerId, new WalletQuery())
        .thenApply(Replies::toBalanceResponse);
  }

  @GetMapping("/wallets/receiver/{id}")
  @Operation(summary = "A receiver's wallet")
  public ResponseEntity<ApiResponse> receiverWallet(@PathVariable("id") String id) {
    return balance(new BalanceView(wallets.receiver(Inputs.id("receiverId", id))));
  }

  @GetMapping("/wallets/agency/{id}")
  @Operation(summary = "An agency's wallet")
  public ResponseEntity<ApiResponse> agencyWallet(@PathVariable("id") String id) {
    return balance(new BalanceView(wallets.agency(Inputs.id("agencyId", id))));
  }

  @GetMapping("/wallets/platform")
  @Operation(summary = "The platform's revenue (all shards)")
  public ResponseEntity<ApiResponse> platformWallet() {
    return balance(new BalanceView(wallets.platform()));
  }

  private static ResponseEntity<ApiResponse> balance(BalanceView view) {
    return ResponseEntity.ok(ApiResponse.ok(null, view));
  }
}
