// The platform's API as the portal calls it: one sign-in shared with the Camunda webapps (their login opens the
// session), the session's anti-CSRF token on every write, problem+json errors turned into exceptions that keep the
// French detail and the fields named.

const ENGINE = 'default';

export class ErreurApi extends Error {
  constructor(statut, probleme) {
    super((probleme && (probleme.detail || probleme.title)) || `Erreur ${statut}`);
    this.statut = statut;
    this.probleme = probleme || {};
  }

  /** The fields named by a 422, as {champ: message}. */
  get champs() {
    const resultat = {};
    for (const e of this.probleme.erreurs || []) {
      resultat[e.champ] = resultat[e.champ] ? `${resultat[e.champ]} ${e.message}` : e.message;
    }
    return resultat;
  }
}

function jetonXsrf() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function lireErreur(reponse) {
  let probleme = null;
  const type = reponse.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      probleme = await reponse.json();
    } catch (e) {
      probleme = null;
    }
  }
  return new ErreurApi(reponse.status, probleme);
}

/** GET or write on /api/v1, JSON in and out. */
export async function appeler(methode, chemin, corps) {
  const entetes = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (methode !== 'GET') {
    entetes['X-XSRF-TOKEN'] = jetonXsrf();
  }
  if (corps !== undefined) {
    entetes['Content-Type'] = 'application/json';
  }
  const reponse = await fetch(`/api/v1/${chemin}`, {
    method: methode,
    headers: entetes,
    credentials: 'same-origin',
    body: corps === undefined ? undefined : JSON.stringify(corps),
  });
  if (!reponse.ok) {
    throw await lireErreur(reponse);
  }
  if (reponse.status === 204) {
    return null;
  }
  return reponse.json();
}

/**
 * Sends a file as the body of a PUT (the API's contract: the body is the file), reporting progress. XMLHttpRequest,
 * because fetch has no upload progress.
 */
export function televerser(chemin, fichier, progression) {
  return envoyerAvecProgression('PUT', chemin, fichier, progression, {
    'Content-Type': fichier.type || 'application/octet-stream',
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fichier.name)}`,
  });
}

/**
 * Sends several files in one multipart/form-data POST, one part per file named by its pièce code
 * ({code: File}); the browser writes the boundary. Resolves with {pieces} when all are accepted; a 422 rejects with
 * the problem, whose `pieces` lists those joined all the same and `refus` each refused file with its reason.
 */
export function televerserPlusieurs(chemin, fichiersParCode, progression) {
  const formulaire = new FormData();
  for (const [code, fichier] of Object.entries(fichiersParCode)) {
    formulaire.append(code, fichier, fichier.name);
  }
  return envoyerAvecProgression('POST', chemin, formulaire, progression, {});
}

function envoyerAvecProgression(methode, chemin, corps, progression, entetes) {
  return new Promise((resoudre, rejeter) => {
    const xhr = new XMLHttpRequest();
    xhr.open(methode, `/api/v1/${chemin}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.setRequestHeader('X-XSRF-TOKEN', jetonXsrf());
    for (const [nom, valeur] of Object.entries(entetes)) {
      xhr.setRequestHeader(nom, valeur);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        progression(e.loaded, e.total);
      }
    };
    xhr.onload = () => {
      let reponse = null;
      try {
        reponse = JSON.parse(xhr.responseText);
      } catch (e) {
        reponse = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resoudre(reponse);
      } else {
        rejeter(new ErreurApi(xhr.status, reponse));
      }
    };
    xhr.onerror = () => rejeter(new ErreurApi(0, { detail: "L'envoi n'a pas abouti : vérifiez votre connexion puis réessayez." }));
    xhr.send(corps);
  });
}

async function preparerSession() {
  // Any GET under the webapps' API hands out the session's anti-CSRF token (cookie XSRF-TOKEN).
  await fetch(`/api/admin/auth/user/${ENGINE}`, { credentials: 'same-origin' });
}

/** Signs in with a platform account: the same session then serves the portal, the API and the Tasklist. */
export async function connecter(identifiant, motDePasse) {
  await preparerSession();
  const reponse = await fetch(`/api/admin/auth/user/${ENGINE}/login/welcome`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-XSRF-TOKEN': jetonXsrf(),
      Accept: 'application/json',
    },
    body: new URLSearchParams({ username: identifiant, password: motDePasse }),
  });
  if (!reponse.ok) {
    throw new ErreurApi(reponse.status, {
      detail: 'Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.',
    });
  }
  // The login rotates the session: fetch the new session's token before any write.
  await preparerSession();
  return moi();
}

/** The signed-in user, or null. */
export async function moi() {
  const session = await fetch(`/api/admin/auth/user/${ENGINE}`, { credentials: 'same-origin' });
  if (!session.ok) {
    return null;
  }
  try {
    return await appeler('GET', 'moi');
  } catch (e) {
    if (e.statut === 401) {
      return null;
    }
    throw e;
  }
}
