package fr.parcelle.infrastructure.identite;

import fr.parcelle.application.securite.Authentificateur;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/**
 * Checks passwords against Camunda's identity store: the very accounts the Tasklist logs in with.
 */
@ApplicationScoped
public class CamundaAuthentificateur implements Authentificateur {

  @Inject ProcessEngineBootstrap bootstrap;

  @Override
  public Optional<Utilisateur> authentifier(String login, char[] motDePasse) {
    if (login == null || login.isBlank() || login.length() > 128 || motDePasse.length == 0) {
      return Optional.empty();
    }
    IdentityService identite = bootstrap.moteur().getIdentityService();
    if (!identite.checkPassword(login, new String(motDePasse))) {
      return Optional.empty();
    }
    User compte = identite.createUserQuery().userId(login).singleResult();
    List<String> groupes =
        identite.createGroupQuery().groupMember(login).list().stream().map(Group::getId).toList();
    String nom =
        compte == null
            ? login
            : String.join(" ", nonNul(compte.getFirstName()), nonNul(compte.getLastName())).strip();
    return Optional.of(
        new Utilisateur(
            login,
            nom,
            compte == null ? null : compte.getEmail(),
            Groupes.roles(groupes),
            Set.copyOf(groupes)));
  }

  private static String nonNul(String s) {
    return s == null ? "" : s;
  }
}
