package fr.parcelle.infrastructure.identite;

import java.util.List;

/**
 * The demo accounts (demo mode only, embedded database only), also printed by the launcher and the
 * README.
 */
public final class ComptesDemo {

  /** A demo account and the group that gives it its function. */
  public record Compte(
      String login, String motDePasse, String prenom, String nom, String groupe, String fonction) {}

  public static final List<Compte> COMPTES =
      List.of(
          new Compte(
              "admin",
              "admin-demo",
              "Alice",
              "Administratrice",
              Groupes.ADMINISTRATEURS,
              "administrateur"),
          new Compte(
              "instructeur",
              "instructeur-demo",
              "Yann",
              "Instructeur",
              "instructeurs-rennes-metropole",
              "service ADS de Rennes Métropole"),
          new Compte(
              "maire",
              "maire-demo",
              "Maëlle",
              "Maire de Vern-sur-Seiche",
              Groupes.PREFIXE_MAIRES + "35352",
              "maire de Vern-sur-Seiche (35352)"),
          new Compte(
              "adjoint",
              "adjoint-demo",
              "Ronan",
              "Adjoint à l'urbanisme",
              Groupes.PREFIXE_MAIRES + "35352",
              "adjoint au maire de Vern-sur-Seiche, signe par délégation"),
          new Compte(
              "abf",
              "abf-demo",
              "Erwan",
              "Architecte des Bâtiments de France",
              Groupes.PREFIXE_SERVICES_CONSULTES + "abf-35",
              "service consulté : ABF d'Ille-et-Vilaine"),
          new Compte(
              "architecte",
              "architecte-demo",
              "Claire",
              "Architecte",
              Groupes.DEMANDEURS,
              "demandeur"));

  private ComptesDemo() {}
}
