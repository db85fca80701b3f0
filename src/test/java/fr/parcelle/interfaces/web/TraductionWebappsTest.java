package fr.parcelle.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our French translations of Camunda's webapps ({@code src/main/webapp/app/{app}/locales/fr.json})
 * against the English files of the very artifact the WAR overlays ({@code camunda-webapp-jakarta}
 * at {@code camunda.version}, located by Maven: see the surefire configuration). After a Camunda
 * upgrade this test names every key to translate and every key to drop.
 */
class TraductionWebappsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a translation must carry over untouched: interpolations, moment.js tokens, HTML tags. */
  private static final Pattern MARQUE =
      Pattern.compile(
          "\\{\\{[^}]*}}|\\{}|%[ds]|</?(?:a|br|strong|b|i|em|code|p|span|ul|li)\\b[^>]*>|&[a-z]+;");

  private static Path warCamunda() {
    String chemin = System.getProperty("parcelle.camunda.webapp.war");
    assertThat(chemin)
        .as(
            "system property parcelle.camunda.webapp.war (the camunda-webapp-jakarta war, set by"
                + " Maven: run this test with mvn)")
        .isNotBlank();
    return Path.of(chemin);
  }

  private static Path webapp() {
    return Path.of(System.getProperty("parcelle.webapp.dir", "src/main/webapp"));
  }

  private static JsonNode anglais(String application) throws IOException {
    String entree = "app/" + application + "/locales/en.json";
    try (ZipFile war = new ZipFile(warCamunda().toFile())) {
      ZipEntry en = war.getEntry(entree);
      assertThat(en).as("%s in %s", entree, warCamunda()).isNotNull();
      try (InputStream octets = war.getInputStream(en)) {
        return JSON.readTree(octets); // Camunda's files start with a BOM, which Jackson skips.
      }
    }
  }

  private static JsonNode francais(String application) throws IOException {
    return JSON.readTree(webapp().resolve("app/" + application + "/locales/fr.json").toFile());
  }

  private static String configJs(String application) throws IOException {
    return Files.readString(webapp().resolve("app/" + application + "/scripts/config.js"));
  }

  /** Every leaf of the file, by path: {@code labels.CLAIM_TASK}, {@code dateLocales.months[0]}. */
  private static Map<String, JsonNode> feuilles(JsonNode racine) {
    Map<String, JsonNode> feuilles = new LinkedHashMap<>();
    parcourir("", racine, feuilles);
    return feuilles;
  }

  private static void parcourir(String chemin, JsonNode noeud, Map<String, JsonNode> feuilles) {
    if (noeud.isObject()) {
      noeud
          .properties()
          .forEach(
              e ->
                  parcourir(
                      chemin.isEmpty() ? e.getKey() : chemin + "." + e.getKey(),
                      e.getValue(),
                      feuilles));
    } else if (noeud.isArray()) {
      for (int i = 0; i < noeud.size(); i++) {
        parcourir(chemin + "[" + i + "]", noeud.get(i), feuilles);
      }
    } else {
      feuilles.put(chemin, noeud);
    }
  }

  private static List<String> marques(String texte) {
    List<String> marques = new ArrayList<>();
    Matcher m = MARQUE.matcher(texte);
    while (m.find()) {
      marques.add(m.group());
    }
    marques.sort(null);
    return marques;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void fr_json_a_exactement_les_cles_du_en_json_de_camunda(String application) throws IOException {
    Set<String> anglaises = feuilles(anglais(application)).keySet();
    Set<String> francaises = feuilles(francais(application)).keySet();

    Set<String> manquantes = new LinkedHashSet<>(anglaises);
    manquantes.removeAll(francaises);
    Set<String> enTrop = new LinkedHashSet<>(francaises);
    enTrop.removeAll(anglaises);

    assertSoftly(
        soft -> {
          soft.assertThat(manquantes)
              .as("keys of Camunda's %s en.json to translate in fr.json", application)
              .isEmpty();
          soft.assertThat(enTrop)
              .as(
                  "keys of %s fr.json that Camunda's en.json no longer has: remove them",
                  application)
              .isEmpty();
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void aucune_traduction_n_est_vide(String application) throws IOException {
    Map<String, JsonNode> anglaises = feuilles(anglais(application));
    List<String> vides = new ArrayList<>();
    feuilles(francais(application))
        .forEach(
            (cle, fr) -> {
              JsonNode en = anglaises.get(cle);
              boolean videEnAnglais = en != null && en.isTextual() && en.asText().isBlank();
              if (fr.isNull() || (fr.isTextual() && fr.asText().isBlank() && !videEnAnglais)) {
                vides.add(cle);
              }
            });

    // Camunda's own English leaves one label empty on purpose (tasklist NO_TASK_FORM): so may we.
    assertThat(vides).as("empty values in %s fr.json", application).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void chaque_traduction_garde_les_interpolations_et_balises_de_l_anglais(String application)
      throws IOException {
    Map<String, JsonNode> anglaises = feuilles(anglais(application));
    List<String> differences = new ArrayList<>();
    feuilles(francais(application))
        .forEach(
            (cle, fr) -> {
              JsonNode en = anglaises.get(cle);
              if (en == null) {
                return; // reported by the key test
              }
              if (!en.isTextual()) {
                if (!en.equals(fr)) {
                  differences.add(cle + ": " + en + " became " + fr);
                }
              } else if (!marques(en.asText()).equals(marques(fr.asText()))) {
                differences.add(
                    cle + ": " + marques(en.asText()) + " in English, " + marques(fr.asText()));
              }
            });

    assertThat(differences)
        .as("{{…}}, {}, %%d/%%s, HTML tags and entities that differ in %s fr.json", application)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void config_js_offre_le_francais_et_le_prend_par_defaut(String application) throws IOException {
    String config = configJs(application);

    assertThat(config)
        .as("%s config.js: one language per page, the one LANGUE chose", application)
        .contains("availableLocales: [LANGUE]", "fallbackLocale: LANGUE");
    assertThat(blocLangue(config))
        .as("%s config.js: English only on request (?lang=en), French otherwise", application)
        .contains("/[?&]lang=(fr|en)(?![\\w-])/")
        .endsWith("return demandee ? demandee[1] : 'fr';\n})();");
    assertThat(Files.exists(webapp().resolve("app/" + application + "/locales/fr.json"))).isTrue();
  }

  @Test
  void tasklist_cockpit_et_admin_choisissent_la_langue_de_la_meme_facon() throws IOException {
    String tasklist = blocLangue(configJs("tasklist"));
    assertThat(blocLangue(configJs("cockpit"))).isEqualTo(tasklist);
    assertThat(blocLangue(configJs("admin"))).isEqualTo(tasklist);
  }

  /** From {@code const LANGUE} to the end of its arrow function. */
  private static String blocLangue(String config) {
    int debut = config.indexOf("const LANGUE = ");
    int fin = config.indexOf("})();", debut);
    assertThat(debut).as("const LANGUE in config.js").isNotNegative();
    assertThat(fin).as("end of const LANGUE in config.js").isPositive();
    return config.substring(debut, fin + "})();".length());
  }
}
