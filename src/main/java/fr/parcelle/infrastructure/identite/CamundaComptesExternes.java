package fr.parcelle.infrastructure.identite;

import fr.parcelle.application.securite.Authentificateur;
import fr.parcelle.application.securite.ComptesExternes;
import fr.parcelle.application.securite.IdentiteExterne;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Links provider identities to accounts of Camunda's identity store, the one store the API, the
 * portal and the Tasklist share. The link is kept as the account's user info ({@code ACT_ID_INFO}):
 * no table of ours, and an administrator sees it in Admin.
 *
 * <p>Applicants get an account whose id is derived from the provider's issuer and subject (letters
 * and digits only, as the engine's user id pattern requires): it cannot collide with an account an
 * administrator named, so a FranceConnect identity never lands in an agent's account, even with the
 * same e-mail. Agents are found by the e-mail of the account an administrator created, and the
 * first sign-in pins the provider's subject to it: another ProConnect identity later showing the
 * same e-mail is refused.
 */
@ApplicationScoped
public class CamundaComptesExternes implements ComptesExternes {

  private static final Logger LOG = Logger.getLogger(CamundaComptesExternes.class.getName());
  private static final SecureRandom HASARD = new SecureRandom();

  /** User info key holding the provider's subject linked to the account. */
  static String cleSujet(String fournisseur) {
    return "oidc." + fournisseur + ".sub";
  }

  @Inject ProcessEngineBootstrap bootstrap;
  @Inject Authentificateur authentificateur;

  @Override
  public Utilisateur demandeur(IdentiteExterne identite) {
    IdentityService store = bootstrap.moteur().getIdentityService();
    String login = loginDemandeur(identite);
    String cle = cleSujet(identite.fournisseur());
    if (store.createUserQuery().userId(login).count() == 0) {
      try {
        User compte = store.newUser(login);
        compte.setFirstName(tronque(identite.prenom()));
        compte.setLastName(tronque(identite.nom()));
        compte.setEmail(tronque(identite.email()));
        // No password anyone knows: this account signs in through its provider only.
        byte[] alea = new byte[32];
        HASARD.nextBytes(alea);
        compte.setPassword(Base64.getEncoder().encodeToString(alea));
        store.saveUser(compte);
        store.setUserInfo(login, cle, identite.sujet());
        store.createMembership(login, Groupes.DEMANDEURS);
        LOG.info(() -> "Compte demandeur créé à la première connexion " + identite.fournisseur());
      } catch (RuntimeException concurrent) {
        // Two first sign-ins at once: the other one created it; it is checked below.
        if (store.createUserQuery().userId(login).count() == 0) {
          throw concurrent;
        }
      }
    }
    if (!identite.sujet().equals(store.getUserInfo(login, cle))) {
      throw new IllegalStateException("compte " + login + " sans lien avec cette identité");
    }
    return authentificateur.utilisateur(login).orElseThrow();
  }

  @Override
  public Optional<Utilisateur> agent(IdentiteExterne identite) {
    if (identite.email() == null || identite.email().isBlank()) {
      return Optional.empty();
    }
    IdentityService store = bootstrap.moteur().getIdentityService();
    String email = identite.email().strip();
    List<User> comptes = store.createUserQuery().userEmail(email).list();
    if (comptes.isEmpty() && !email.equals(email.toLowerCase(Locale.ROOT))) {
      comptes = store.createUserQuery().userEmail(email.toLowerCase(Locale.ROOT)).list();
    }
    // Applicants' accounts (made by a provider sign-in) are never an agent's.
    comptes =
        comptes.stream()
            .filter(u -> store.getUserInfo(u.getId(), "oidc.franceconnect.sub") == null)
            .toList();
    if (comptes.size() != 1) {
      return Optional.empty();
    }
    String login = comptes.get(0).getId();
    String cle = cleSujet(identite.fournisseur());
    String lie = store.getUserInfo(login, cle);
    if (lie == null) {
      store.setUserInfo(login, cle, identite.sujet());
      LOG.info(() -> "Compte " + login + " lié à son identité " + identite.fournisseur());
    } else if (!lie.equals(identite.sujet())) {
      LOG.warning(
          () ->
              "Connexion "
                  + identite.fournisseur()
                  + " refusée : le compte "
                  + login
                  + " est lié à une autre identité");
      return Optional.empty();
    }
    return authentificateur.utilisateur(login);
  }

  /** {@code fc} + 30 hex digits of SHA-256(issuer, subject): stable, opaque, letters and digits. */
  static String loginDemandeur(IdentiteExterne identite) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(identite.emetteur().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(identite.sujet().getBytes(StandardCharsets.UTF_8));
      return "fc" + java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 30);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tronque(String s) {
    return s == null ? null : s.length() > 200 ? s.substring(0, 200) : s;
  }
}
