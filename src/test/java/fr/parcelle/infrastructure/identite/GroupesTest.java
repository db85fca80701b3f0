package fr.parcelle.infrastructure.identite;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.application.securite.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupesTest {

  @Test
  void les_roles_se_lisent_dans_les_groupes() {
    assertThat(Groupes.roles(List.of("instructeurs-rennes-metropole")))
        .containsExactly(Role.INSTRUCTEUR);
    assertThat(Groupes.roles(List.of("maires-35352", "demandeurs")))
        .containsExactlyInAnyOrder(Role.MAIRE, Role.DEMANDEUR);
    assertThat(Groupes.roles(List.of("camunda-admin"))).containsExactly(Role.ADMINISTRATEUR);
    assertThat(Groupes.roles(List.of("consultes-abf-35"))).containsExactly(Role.SERVICE_CONSULTE);
    assertThat(Groupes.roles(List.of("instructeurs", "maire-35352", "autre"))).isEmpty();
  }

  @Test
  void chaque_compte_de_demo_a_le_role_de_sa_fonction() {
    assertThat(ComptesDemo.COMPTES)
        .extracting(c -> Groupes.roles(List.of(c.groupe())).iterator().next())
        .containsExactly(
            Role.ADMINISTRATEUR,
            Role.INSTRUCTEUR,
            Role.INSTRUCTEUR,
            Role.MAIRE,
            Role.MAIRE,
            Role.SERVICE_CONSULTE,
            Role.DEMANDEUR);
  }

  @Test
  void le_groupe_d_un_secteur_est_un_groupe_d_instructeurs() {
    ComptesDemo.Compte gwen =
        ComptesDemo.COMPTES.stream()
            .filter(c -> c.login().equals("instructrice"))
            .findFirst()
            .orElseThrow();
    assertThat(gwen.groupes())
        .containsExactly("instructeurs-rennes-metropole", "instructeurs-rennes-metropole-rennes");
    assertThat(Groupes.roles(gwen.groupes())).containsExactly(Role.INSTRUCTEUR);
  }

  @Test
  void chaque_identifiant_de_demo_est_accepte_par_le_moteur() {
    // Camunda's default pattern for user ids (the groups' is widened, not the users'): a login it
    // refuses stops IdentiteBootstrap, hence the deployment.
    assertThat(ComptesDemo.COMPTES).allSatisfy(c -> assertThat(c.login()).matches("[a-zA-Z0-9]+"));
  }
}
