package fr.parcelle.infrastructure.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;

/**
 * Deploys every model packaged from the repository's {@code bpmn/} folder (BPMN, DMN, forms) as one
 * deployment with duplicate filtering: an unchanged set keeps its versions; when one file changes,
 * the whole set gets new versions (a process and its forms stay in one deployment) while the files
 * already in instruction stay on theirs.
 */
class ProcessModelDeployer {

  private static final Logger LOG = Logger.getLogger(ProcessModelDeployer.class.getName());
  static final String DOSSIER = "bpmn";
  static final String NOM_DEPLOIEMENT = "parcelle";

  private final RepositoryService repository;

  ProcessModelDeployer(RepositoryService repository) {
    this.repository = repository;
  }

  DeploymentWithDefinitions deployer() {
    List<String> ressources = ressources();
    if (ressources.isEmpty()) {
      throw new IllegalStateException(
          "Aucun modèle dans " + DOSSIER + "/ : l'application est mal construite.");
    }
    DeploymentBuilder deploiement =
        repository
            .createDeployment()
            .name(NOM_DEPLOIEMENT)
            .source("parcelle-bpmn")
            // All or nothing: when any file changed, the whole set is deployed again. The task
            // forms are bound to their process's deployment (formRef binding "deployment"), so
            // a deployment of the changed files only left a new process version without its
            // forms ("Erreur de formulaire : Not Found" in the Tasklist, seen after an upgrade).
            .enableDuplicateFiltering(false);
    ClassLoader cl = ProcessModelDeployer.class.getClassLoader();
    for (String ressource : ressources) {
      try (InputStream in = cl.getResourceAsStream(ressource)) {
        deploiement.addInputStream(
            ressource.substring(DOSSIER.length() + 1), new ByteArrayInputStream(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DeploymentWithDefinitions resultat = deploiement.deployWithResult();
    int nouvelles =
        resultat.getDeployedProcessDefinitions() == null
            ? 0
            : resultat.getDeployedProcessDefinitions().size();
    LOG.info(
        () ->
            "Modèles " + ressources + " : " + nouvelles + " nouvelle(s) version(s) de processus.");
    return resultat;
  }

  /** Resource names under bpmn/, whether the application is exploded on disk or packed in a jar. */
  static List<String> ressources() {
    URL racine = ProcessModelDeployer.class.getClassLoader().getResource(DOSSIER);
    if (racine == null) {
      return List.of();
    }
    List<String> noms = new ArrayList<>();
    try {
      if ("file".equals(racine.getProtocol())) {
        Path dossier = Path.of(racine.toURI());
        try (Stream<Path> fichiers = Files.walk(dossier)) {
          fichiers
              .filter(Files::isRegularFile)
              .map(f -> DOSSIER + "/" + dossier.relativize(f).toString().replace('\\', '/'))
              .filter(ProcessModelDeployer::estModele)
              .forEach(noms::add);
        }
      } else if ("jar".equals(racine.getProtocol())) {
        JarURLConnection connexion = (JarURLConnection) racine.openConnection();
        connexion.setUseCaches(false);
        try (JarFile jar = connexion.getJarFile()) {
          for (JarEntry entree : Collections.list(jar.entries())) {
            if (entree.getName().startsWith(DOSSIER + "/") && estModele(entree.getName())) {
              noms.add(entree.getName());
            }
          }
        }
      } else {
        throw new IllegalStateException("Emplacement des modèles non pris en charge : " + racine);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Collections.sort(noms);
    return noms;
  }

  private static boolean estModele(String nom) {
    return nom.endsWith(".bpmn") || nom.endsWith(".dmn") || nom.endsWith(".form");
  }
}
