package fr.parcelle.infrastructure.identite;

import fr.parcelle.application.securite.Authentificateur;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/**
 * Checks passwords against Camunda's identity store: the very accounts the Tasklist logs in with. A
 * successful check is remembered for a minute, keyed by a hash of login and password (never the
 * password itself), so that a client sending ten uploads does not pay a password check and two
 * identity queries each time; a changed password or group takes effect within that minute.
 */
@ApplicationScoped
public class CamundaAuthentificateur implements Authentificateur {

  private static final long VALIDITE_NANOS = 60_000_000_000L;
  private static final int TAILLE_MAX = 10_000;

  @Inject ProcessEngineBootstrap bootstrap;

  private final Map<String, Memoire> verifies = new ConcurrentHashMap<>();

  private record Memoire(Utilisateur utilisateur, long expire) {}

  @Override
  public Optional<Utilisateur> authentifier(String login, char[] motDePasse) {
    if (login == null || login.isBlank() || login.length() > 128 || motDePasse.length == 0) {
      return Optional.empty();
    }
    String cle = cle(login, motDePasse);
    Memoire m = verifies.get(cle);
    if (m != null && m.expire() - System.nanoTime() > 0) {
      return Optional.of(m.utilisateur());
    }
    Optional<Utilisateur> u = verifier(login, motDePasse);
    if (u.isPresent()) {
      if (verifies.size() >= TAILLE_MAX) {
        verifies.clear();
      }
      verifies.put(cle, new Memoire(u.get(), System.nanoTime() + VALIDITE_NANOS));
    }
    return u;
  }

  private static String cle(String login, char[] motDePasse) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(login.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(motDePasse)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<Utilisateur> utilisateur(String login) {
    if (login == null || login.isBlank()) {
      return Optional.empty();
    }
    IdentityService identite = bootstrap.moteur().getIdentityService();
    if (identite.createUserQuery().userId(login).count() == 0) {
      return Optional.empty();
    }
    return Optional.of(charger(identite, login));
  }

  private Optional<Utilisateur> verifier(String login, char[] motDePasse) {
    IdentityService identite = bootstrap.moteur().getIdentityService();
    if (!identite.checkPassword(login, new String(motDePasse))) {
      return Optional.empty();
    }
    return Optional.of(charger(identite, login));
  }

  private static Utilisateur charger(IdentityService identite, String login) {
    User compte = identite.createUserQuery().userId(login).singleResult();
    List<String> groupes =
        identite.createGroupQuery().groupMember(login).list().stream().map(Group::getId).toList();
    String nom =
        compte == null
            ? login
            : String.join(" ", nonNul(compte.getFirstName()), nonNul(compte.getLastName())).strip();
    return new Utilisateur(
        login,
        nom,
        compte == null ? null : compte.getEmail(),
        Groupes.roles(groupes),
        Set.copyOf(groupes));
  }

  private static String nonNul(String s) {
    return s == null ? "" : s;
  }
}
