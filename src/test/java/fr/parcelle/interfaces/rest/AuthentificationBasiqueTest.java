package fr.parcelle.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthentificationBasiqueTest {

  private static String basic(byte[] octets) {
    return "Basic " + Base64.getEncoder().encodeToString(octets);
  }

  @Test
  void lit_identifiant_et_mot_de_passe_meme_avec_deux_points_dans_le_mot_de_passe() {
    assertThat(
            AuthentificationBasique.identifiants(
                basic("maire:a:b:é".getBytes(StandardCharsets.UTF_8))))
        .hasValueSatisfying(i -> assertThat(i).containsExactly("maire", "a:b:é"));
    assertThat(
            AuthentificationBasique.identifiants(
                "basic " + Base64.getEncoder().encodeToString("a:b".getBytes())))
        .isPresent();
  }

  @Test
  void refuse_tout_ce_qui_n_est_pas_un_entete_basic_bien_forme() {
    assertThat(AuthentificationBasique.identifiants(null)).isEmpty();
    assertThat(AuthentificationBasique.identifiants("Bearer abc")).isEmpty();
    assertThat(AuthentificationBasique.identifiants("Basic ***")).isEmpty();
    assertThat(AuthentificationBasique.identifiants(basic("sans-deux-points".getBytes())))
        .isEmpty();
    assertThat(AuthentificationBasique.identifiants(basic(":mot-de-passe".getBytes()))).isEmpty();
    assertThat(AuthentificationBasique.identifiants(basic(new byte[] {'a', ':', (byte) 0xC3})))
        .isEmpty();
    assertThat(AuthentificationBasique.identifiants("Basic " + "A".repeat(2000))).isEmpty();
  }

  @Test
  void seul_get_simulations_delai_est_public_et_au_chemin_exact() {
    assertThat(AuthentificationBasique.estPublique("GET", "simulations/delai")).isTrue();

    assertThat(AuthentificationBasique.estPublique("POST", "simulations/delai")).isFalse();
    assertThat(AuthentificationBasique.estPublique("HEAD", "simulations/delai")).isFalse();
    assertThat(AuthentificationBasique.estPublique("OPTIONS", "simulations/delai")).isFalse();
    assertThat(AuthentificationBasique.estPublique("get", "simulations/delai")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "simulations/delai/")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "simulations/delai;x=1")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "simulations%2Fdelai")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "simulations/%64elai")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "/simulations/delai")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "simulations/delai/../../dossiers"))
        .isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "simulations")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "dossiers")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "moi")).isFalse();
    // The public register of a commune, and nothing around it.
    assertThat(AuthentificationBasique.estPublique("GET", "communes/35352/registre")).isTrue();
    assertThat(AuthentificationBasique.estPublique("GET", "communes/2A004/registre")).isTrue();
    assertThat(AuthentificationBasique.estPublique("POST", "communes/35352/registre")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "communes/35352/registre/")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "communes/353520/registre")).isFalse();
    assertThat(AuthentificationBasique.estPublique("GET", "communes/..%2Fdossiers/registre"))
        .isFalse();
  }

  @Test
  void le_filtre_ne_demande_rien_au_simulateur_et_verifie_tout_le_reste() {
    AuthentificationBasique filtre = new AuthentificationBasique();
    List<String> verifies = new ArrayList<>();
    filtre.authentificateur =
        new fr.parcelle.application.securite.Authentificateur() {
          @Override
          public Optional<Utilisateur> authentifier(String login, char[] motDePasse) {
            verifies.add(login);
            return Optional.of(
                new Utilisateur(login, login, null, Set.of(Role.DEMANDEUR), Set.of("demandeurs")));
          }

          @Override
          public Optional<Utilisateur> utilisateur(String login) {
            throw new AssertionError("pas de session dans ce test");
          }
        };
    String basic = basic("architecte:secret".getBytes(StandardCharsets.UTF_8));

    List<String> actions = new ArrayList<>();
    filtre.filter(requete("GET", "simulations/delai", basic, actions));
    assertThat(verifies).isEmpty();
    assertThat(actions).isEmpty();

    // With the same header, any other path has its credentials checked and a principal set.
    filtre.filter(requete("GET", "simulations/delai/", basic, actions));
    filtre.filter(requete("POST", "simulations/delai", basic, actions));
    filtre.filter(requete("GET", "dossiers", basic, actions));
    assertThat(verifies).hasSize(3);
    assertThat(actions).containsOnly("setSecurityContext").hasSize(3);
  }

  /** A request with the given Authorization header; records what the filter does to it. */
  private static ContainerRequestContext requete(
      String methode, String chemin, String autorisation, List<String> actions) {
    UriInfo uri =
        (UriInfo)
            Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class},
                (p, m, a) -> {
                  if (m.getName().equals("getPath")) {
                    return chemin;
                  }
                  throw new UnsupportedOperationException(m.getName());
                });
    SecurityContext http =
        (SecurityContext)
            Proxy.newProxyInstance(
                SecurityContext.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class},
                (p, m, a) -> {
                  if (m.getName().equals("isSecure")) {
                    return false;
                  }
                  throw new UnsupportedOperationException(m.getName());
                });
    return (ContainerRequestContext)
        Proxy.newProxyInstance(
            ContainerRequestContext.class.getClassLoader(),
            new Class<?>[] {ContainerRequestContext.class},
            (p, m, a) ->
                switch (m.getName()) {
                  case "getMethod" -> methode;
                  case "getUriInfo" -> uri;
                  case "getHeaderString" -> autorisation;
                  case "getSecurityContext" -> http;
                  case "setSecurityContext", "abortWith" -> {
                    actions.add(m.getName());
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }
}
