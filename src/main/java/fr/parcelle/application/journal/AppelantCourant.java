package fr.parcelle.application.journal;

import jakarta.enterprise.context.RequestScoped;

/**
 * The login of the API's caller for this HTTP request, set once authenticated, so that what the
 * request changes is journalled under their name.
 */
@RequestScoped
public class AppelantCourant {

  private String login;

  public String login() {
    return login;
  }

  public void identifier(String login) {
    this.login = login;
  }
}
