package fr.parcelle.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * persistence.xml lists its classes (exclude-unlisted-classes): a new entity or embeddable missing
 * there only fails when Payara deploys the application. This finds it in a second.
 */
class UniteDePersistanceTest {

  @Test
  void chaque_entite_et_chaque_embarquable_du_domaine_est_declare() throws Exception {
    String unite;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("META-INF/persistence.xml")) {
      unite = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String nom : classesDuDomaine()) {
      Class<?> c = Class.forName(nom);
      if (c.isAnnotationPresent(Entity.class) || c.isAnnotationPresent(Embeddable.class)) {
        assertThat(unite).as(nom + " dans persistence.xml").contains("<class>" + nom + "</class>");
      }
    }
  }

  private static List<String> classesDuDomaine() throws IOException {
    Path racine = Path.of("target/classes");
    try (Stream<Path> fichiers = Files.walk(racine.resolve("fr/parcelle/domain"))) {
      return fichiers
          .map(racine::relativize)
          .map(Path::toString)
          .filter(f -> f.endsWith(".class") && !f.contains("$"))
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .toList();
    }
  }
}
