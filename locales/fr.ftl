# Les mots des pages des visiteurs, en français : la langue par défaut, et celle de tout
# message qu'un autre catalogue ne dit pas. Une autre langue est un autre fichier ici
# (en.ftl…), avec les mêmes identifiants. Syntaxe : https://projectfluent.org/

## Langue

lang-name = Français
lang-switch = Langue
og-locale = fr_FR

## Dates et heures

date = { $weekday ->
        [1] lundi
        [2] mardi
        [3] mercredi
        [4] jeudi
        [5] vendredi
        [6] samedi
       *[7] dimanche
    } { $day ->
        [1] 1er
       *[other] { $day }
    } { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
date-with-year = { date } { $year }
date-time = { $date } à { $time }
hour-name = { $date } à { $time }, { $zone }
zone-label = heure de { $city }
minutes = { $minutes } min
type-minutes = { $type } ({ $minutes } min)

## La page

skip-link = Aller au contenu
page-title = Prendre rendez-vous
page-description = Prenez rendez-vous en ligne avec { $name } : choisissez une date et un horaire libres, en quelques secondes.
loading = Chargement des disponibilités…
demo-badge = mode démonstration
type-switch = Type de rendez-vous

## Dates et horaires

choose-date = Choisissez une date
dates-from = Prochaines disponibilités à partir du { $date }.
dates-this-week = Disponibilités de la semaine.
dates-stale = Disponibilités à confirmer : le calendrier ne répond pas en ce moment.
no-date-fits = Aucune date ne me convient
choose-hour = Choisissez un horaire
change-date = Changer de date
no-hour-fits = Aucun horaire ne me convient
# Dits par le navigateur (%date%… sont remplacés là-bas).
announce-dates = Choix de la date
announce-hours = Horaires du %date%
elsewhere = Vous semblez être dans un autre fuseau horaire (%visitor%) : %time% (%zone%) correspond à %local% chez vous.

## Coordonnées

contact-title = Vos coordonnées
held-until = Cet horaire vous est réservé jusqu’à { $time } ({ $zone }), le temps de remplir le formulaire.
hour-gone = Cet horaire n’est plus disponible. Voici les horaires libres les plus proches.
change-hour = Changer d’horaire
propose-own = Proposer mes disponibilités
name = Nom et prénom
email = Adresse e-mail
email-hint = La confirmation vous sera envoyée à cette adresse.
phone = Téléphone
phone-optional = Téléphone (facultatif)
message-optional = Message (facultatif)
optional = { $label } (facultatif)
honeypot = Ne pas remplir ce champ
book = Confirmer le rendez-vous
booking-busy = Réservation en cours…

## Proposer ses disponibilités

propose-title = Proposez vos disponibilités
propose-intro-none = Aucun créneau n’est libre pour le moment. Dites-nous quand vous êtes disponible : nous vous recontacterons.
propose-intro-nothing-fits = Aucune des dates proposées ne vous convient ? Dites-nous quand vous êtes disponible : nous vous recontacterons.
propose-intro-unavailable = Les disponibilités en direct ne peuvent pas être affichées pour le moment. Dites-nous quand vous êtes disponible : nous vous recontacterons.
propose-intro-asked = Dites-nous quand vous êtes disponible : nous vous recontacterons pour fixer le rendez-vous.
propose-slots = Vos disponibilités (au moins une)
slot-title = Créneau { $number }
slot-which = créneau { $number }
slot-day = Jour
slot-from = De
slot-to = À
consent = J’accepte que mes coordonnées soient conservées pour être recontacté(e).
privacy-link = Confidentialité
send-proposal = Envoyer mes disponibilités
sending-busy = Envoi en cours…
back-to-dates = Revoir les dates proposées

## Champs refusés

fix-fields = Certains champs sont à corriger : voyez les messages sous chaque champ.
name-missing = Indiquez votre nom.
name-length = Le nom doit compter de 2 à 100 caractères, sans caractère spécial invisible.
email-missing = Indiquez votre adresse e-mail.
email-invalid = Adresse e-mail invalide (exemple : nom@domaine.fr).
phone-invalid = Numéro de téléphone invalide (exemple : 06 12 34 56 78 ou +33 6 12 34 56 78).
phone-missing = Indiquez un numéro de téléphone pour être rappelé.
phone-not-real = Ce numéro de téléphone ne semble pas valide : vérifiez-le (exemple : 06 12 34 56 78, ou +590 690 12 34 56 hors métropole).
message-too-long = Le message ne peut pas dépasser 2000 caractères.
message-invisible = Le message contient des caractères invisibles non autorisés.
slots-too-many = Proposez au plus trois créneaux.
slot-day-missing = Indiquez un jour (jj/mm/aaaa).
slot-day-range = Choisissez un jour entre aujourd’hui et dans un an.
slot-hours-missing = Indiquez une heure de début et de fin (hh:mm).
slot-hours-order = L’heure de fin doit suivre l’heure de début.
slots-none = Proposez au moins un créneau : un jour, une heure de début et de fin.
consent-missing = Cochez la case pour accepter que vos coordonnées soient conservées pour vous recontacter.
answer-check = Cochez cette case pour continuer.
answer-missing = Répondez à cette question.
answer-invalid = Cette réponse est trop longue ou contient des caractères non autorisés.
answer-number = Indiquez un nombre.
answer-choice = Choisissez l’une des réponses proposées.
answer-url = Indiquez une adresse web (https://…).

## Envois retenus

retry-too-fast = Envoi trop rapide : vérifiez vos informations, puis renvoyez le formulaire.
retry-expired = Le formulaire a expiré : vérifiez vos informations, puis renvoyez-le.
cap-email-bookings = Cette adresse a déjà réservé plusieurs rendez-vous aujourd’hui : pour un autre, contactez-nous directement.
cap-email-proposals = Cette adresse nous a déjà envoyé plusieurs demandes aujourd’hui : nous vous recontactons.
cap-client-bookings = Plusieurs rendez-vous ont déjà été réservés depuis votre connexion aujourd’hui : pour un autre, contactez-nous directement.
cap-client-proposals = Plusieurs demandes nous ont déjà été envoyées depuis votre connexion aujourd’hui : nous vous recontactons, ou réessayez demain.

## Réservation

booking-failed = La réservation n’a pas pu aboutir : laissez-nous vos disponibilités, nous vous recontacterons.
booking-taken = Cet horaire n’est plus disponible : il vient sans doute d’être réservé. Voici les horaires libres les plus proches.
booking-unavailable = Le calendrier ne répond pas pour le moment : laissez-nous vos disponibilités, nous vous recontacterons.
booking-refused = Cal.com a refusé la réservation : laissez-nous vos disponibilités, nous vous recontacterons.
booking-unconfirmed = La réservation n’a pas pu être confirmée : si Cal.com vous envoie un e-mail de confirmation, elle est bien prise ; sinon, laissez-nous vos disponibilités.

## Le rendez-vous

appointment = Rendez-vous
your-appointment = Votre rendez-vous
cancel-title = Annuler le rendez-vous
move-title = Déplacer le rendez-vous
cancelled-title = Rendez-vous annulé
moved-title = Rendez-vous déplacé
pending-title = Demande de rendez-vous enregistrée
booked-title = Rendez-vous confirmé
cancelled-text = Ce rendez-vous a été annulé.
moved-text = Ce rendez-vous a été déplacé : voici le lien du nouveau.
past-text = Ce rendez-vous est passé.
demo-text = Mode démonstration : aucun e-mail ne sera envoyé.
pending-text = Le rendez-vous doit encore être accepté : vous recevrez un e-mail de confirmation de Cal.com.
booked-text = Vous allez recevoir un e-mail de confirmation de Cal.com. Gardez cette page : elle permet d’annuler ou de déplacer le rendez-vous.
recap = Récapitulatif
recap-type = Type
recap-date = Date
recap-time = Heure
recap-name = Nom
see-new = Voir le nouveau rendez-vous
book-another = Prendre un autre rendez-vous
add-to-calendar = Ajouter à mon agenda (.ics)
cancel-reason = Motif (facultatif)
cancel-confirm = Confirmer l’annulation
cancel-keep = Garder le rendez-vous
move-none = Aucun autre horaire n’est libre pour le moment : gardez ce rendez-vous ou annulez-le.
move-choose-date = Choisir une nouvelle date
move-later-dates = Aucune de ces dates ne me convient
move-earlier-dates = Dates précédentes
move-choose-hour = Choisir un horaire le { $date }
move-other-date = Choisir une autre date
move-keep = Garder cet horaire
move-new = Nouvel horaire
move-confirm = Confirmer le nouvel horaire
move-other = Choisir un autre horaire
move-taken = Cet horaire vient d’être pris : choisissez-en un autre.
move-failed = Le calendrier n’a pas répondu : rien n’a changé, réessayez dans un instant.

## Merci

thanks-title = Merci
thanks-heading = Merci, vos disponibilités sont bien enregistrées
thanks-next = Et maintenant ?
thanks-text = Nous revenons vers vous par e-mail ou par téléphone pour fixer le rendez-vous.
back-to-booking = Revenir à la prise de rendez-vous
back-to-start = Revenir au début

## Page introuvable

not-found-title = Page introuvable
not-found-text = Cette adresse ne correspond à aucune page.

## Confidentialité

privacy-title = Confidentialité
privacy-kept = Ce que nous conservons
privacy-our-calendar = notre agenda
privacy-calendar-us = Cal.com (Cal.com, Inc., hébergé aux États-Unis)
privacy-calendar-eu = Cal.com (hébergé dans l’Union européenne)
privacy-calendar-own = notre propre installation de Cal.com ({ $host })
privacy-booking = Quand vous réservez un rendez-vous, votre nom, votre adresse e-mail, votre téléphone et votre message sont transmis à { $calendar }, qui traite le rendez-vous pour nous, et conservés ici pour afficher la confirmation.
privacy-proposal = Quand vous proposez vos disponibilités, ces mêmes informations et les créneaux proposés sont enregistrés pour que nous puissions vous recontacter. Ils ne servent à rien d’autre : ils peuvent nous être signalés par e-mail ou dans nos outils internes, et ne sont communiqués à personne d’autre.
privacy-how-long = Combien de temps
privacy-retention = Les demandes de disponibilités sont supprimées au plus tard { $days } jours après leur envoi, et les rendez-vous { $days } jours après leur date. Un formulaire refusé (champ à corriger) est gardé 30 minutes au plus, pour vous le réafficher, puis effacé. Contre les abus, nous comptons les envois par adresse IP : une heure au plus pour les limites par minute, et un jour, sous une empreinte chiffrée (jamais l’adresse elle-même), pour les limites par jour ; les envois par adresse e-mail sont comptés de même un jour, sous une empreinte chiffrée.
privacy-rights = Vos droits
privacy-rights-text = Vous pouvez demander à consulter, corriger ou supprimer vos informations en nous écrivant à l’adresse indiquée sur notre site.

## Erreurs

error-malformed = La requête est mal formée.
error-rate-limited = Trop de demandes en peu de temps : réessayez dans une minute.
error-too-large = L’envoi est trop volumineux : raccourcissez votre message, puis réessayez.
error-timed-out = L’envoi a pris trop de temps : vérifiez votre connexion, puis réessayez.
error-busy = Le service est très sollicité en ce moment : réessayez dans un instant.
error-internal = Une erreur inattendue est survenue. Réessayez dans un instant.
error-transport = La connexion au serveur a échoué. Vérifiez votre connexion et réessayez.
error-unknown-type = Type de rendez-vous inconnu : recommencez depuis le début.
error-choose-first = Choisissez d’abord une date et un horaire.
error-refused = Envoi refusé.
error-no-appointment = Ce rendez-vous est introuvable.
error-link-expired = Ce lien a expiré : le rendez-vous est passé depuis plusieurs jours.
title-bad-request = Demande incorrecte
title-not-found = Introuvable
title-calendar-unavailable = Calendrier indisponible
title-rate-limited = Trop de demandes
title-too-large = Envoi trop volumineux
title-timed-out = Délai dépassé
title-busy = Service très sollicité
title-error = Erreur
calendar-key-refused = Clé API Cal.com refusée : vérifiez CAL_COM_TOKEN.
calendar-key-needed = Ce type d’événement demande une clé API Cal.com : définissez CAL_COM_TOKEN.
calendar-unknown-type = Type d’événement inconnu de Cal.com : vérifiez calcom_id dans Leptos.toml.
calendar-unreadable = Réponse de Cal.com illisible : vérifiez CAL_COM_API_URL.
calendar-rate-limited = Cal.com limite les requêtes : réessayez dans une minute.
calendar-unavailable = Cal.com ne répond pas : réessayez dans quelques minutes.

# The email that offers a visitor hours matching their proposal.
offer-subject = { $business } : un créneau s’est libéré pour vous
offer-hello = Bonjour { $name },
offer-why = Vous nous avez proposé vos disponibilités pour un rendez-vous ({ $kind }) avec { $business }. Un créneau qui vous convient vient de se libérer. Un clic le réserve, vos coordonnées sont déjà remplies :
offer-book = Réserver le { $when }
offer-zone = Heures de { $zone }.
offer-once = C’est le seul message automatique que vous recevrez pour cette demande. Le créneau reste ouvert aux autres visiteurs jusqu’à ce qu’il soit réservé.
offer-stop = Vous ne souhaitez plus de rendez-vous ? Retirez votre demande : { $link }
offer-stop-html = Vous ne souhaitez plus de rendez-vous ?
offer-withdraw = Retirer ma demande
offer-consent = Si un créneau correspondant se libère, vous recevrez un seul e-mail pour le réserver en un clic.
privacy-offer = Si un créneau qui correspond à vos disponibilités se libère, nous vous envoyons un seul e-mail pour vous le proposer, avec un lien pour le réserver et un lien pour retirer votre demande. Cet e-mail ne contient aucun suivi.
offer-page-title = Votre demande de rendez-vous
offer-gone = Ce lien n’est plus valable : la demande a été réservée, retirée ou traitée, ou sa date est passée.
offer-taken = Ce créneau vient d’être réservé par quelqu’un d’autre.
offer-others = Ces créneaux correspondent aussi à vos disponibilités :
offer-none = Aucun autre créneau ne correspond pour l’instant. Votre demande reste enregistrée.
offer-see-dates = Voir les dates disponibles
offer-withdraw-ask = Retirer votre demande de rendez-vous ? Nous ne vous proposerons plus de créneau.
offer-withdrawn = Votre demande est retirée. Nous ne vous écrirons plus à son sujet.
offer-used = Ce rendez-vous a déjà été réservé avec ce lien.

# The business's rules for changes, on the confirmation page ({ $delay }: "24 h", "30 min").
rule-both-until = Vous pouvez déplacer ou annuler ce rendez-vous jusqu’à { $delay } avant.
rule-move-until = Vous pouvez déplacer ce rendez-vous jusqu’à { $delay } avant.
rule-cancel-until = Vous pouvez annuler ce rendez-vous jusqu’à { $delay } avant.
rule-move-late = Ce rendez-vous ne peut plus être déplacé en ligne (c’était possible jusqu’à { $delay } avant).
rule-cancel-late = Ce rendez-vous ne peut plus être annulé en ligne (c’était possible jusqu’à { $delay } avant).
rule-no-move = Ce rendez-vous ne peut pas être déplacé en ligne.
rule-no-cancel = Ce rendez-vous ne peut pas être annulé en ligne.
rule-contact = Pour tout changement, contactez-nous : { $contact }.

# Where the meeting happens, and calendars.
recap-place = Lieu
place-join = Rejoindre la visio
place-video = Visio
place-map = Voir sur la carte
add-google = Google Agenda
add-outlook = Outlook
ics-reminder = Rendez-vous dans une heure

# The reminder before an appointment.
reminder-subject = Rappel : { $kind } le { $when }
reminder-hello = Bonjour { $name },
reminder-when = Nous vous rappelons votre rendez-vous ({ $kind }) avec { $business } le { $when } ({ $zone }).
reminder-your-time = Chez vous : le { $when } ({ $zone }).
reminder-where = Lieu : { $place }
reminder-manage = Pour le revoir, le déplacer ou l’annuler : { $link }

# Where the meeting happens, when the event type offers several places.
place-choose = Où se passe le rendez-vous ?
place-option-video = En visio
place-option-address = À l’adresse : { $address }
place-option-phone = Par téléphone : vous appelez le { $phone }
place-option-link = En ligne (le lien vous est envoyé)
place-option-attendee-phone = Par téléphone : nous vous appelons
place-option-attendee-address = À votre adresse
place-option-attendee-defined = Ailleurs (précisez ci-dessous)
place-detail = Votre adresse ou le lieu (si vous le choisissez)
place-detail-missing = Indiquez l’adresse ou le lieu.
place-phone-missing = Indiquez votre téléphone pour être appelé(e).

# The owner's side (in business.language): notification emails.
owner-line = { $label } : { $value }
owner-name = Nom
owner-email = E-mail
owner-phone = Téléphone
owner-type = Type
owner-when = Quand
owner-length = Durée
owner-status = Statut Cal.com
owner-reason = Motif
owner-before = Avant
owner-now = Maintenant
owner-message = Message
owner-availabilities = Disponibilités :
owner-availability = { $date } de { $from } à { $to }
owner-proposal-intro = Une personne n’a pas trouvé de créneau et propose ses disponibilités.
owner-proposal-admin = À traiter dans l’administration : /admin
owner-proposal-subject = Nouvelle demande de rendez-vous : { $name }
owner-booked-intro = Un rendez-vous vient d’être réservé.
owner-booked-subject = Nouveau rendez-vous : { $name }, { $when }
owner-cancelled-intro = Un rendez-vous vient d’être annulé par la personne.
owner-cancelled-subject = Rendez-vous annulé : { $name }, { $when }
owner-moved-intro = Un rendez-vous vient d’être déplacé par la personne.
owner-moved-subject = Rendez-vous déplacé : { $name }, { $when }

# The owner's side (in business.language): the admin pages.
admin-title = Administration
admin-sign-in-title = Administration — connexion
admin-token = Jeton d’administration
admin-token-hint = La valeur de ADMIN_TOKEN dans la configuration du serveur.
admin-sign-in = Se connecter
admin-sign-out = Se déconnecter
admin-inbox-title = Administration — demandes et rendez-vous
admin-upcoming = Rendez-vous à venir
admin-proposals = Demandes
admin-proposals-title = Demandes de disponibilités
admin-export-proposals = Exporter les demandes (CSV)
admin-export-bookings = Exporter les rendez-vous (CSV)
admin-erase-link = Effacer les données d’une personne
admin-booked-here = Pris sur la page, et ce qu’ils sont devenus
admin-filter = Filtrer par statut
admin-filter-all = Toutes
admin-filter-new = Nouvelles
admin-filter-handled = Traitées
admin-count = { $total } demande(s)
admin-count-shown = { $total } demande(s) ; les { $shown } plus récentes sont affichées, l’export CSV les contient toutes.
admin-no-proposal = Aucune demande.
admin-mark-new = Remettre en « nouveau »
admin-mark-handled = Marquer comme traitée
admin-origin = Origine
admin-received = Reçue le { $when }
admin-availabilities = Disponibilités
admin-availability = { $date }, de { $from } à { $to }
admin-status-new = nouvelle
admin-status-handled = traitée
admin-status-booked = réservée
admin-status-withdrawn = retirée
admin-booking-accepted = confirmé
admin-booking-pending = à confirmer
admin-booking-cancelled = annulé
admin-booking-rejected = refusé
admin-booking-moved = déplacé
admin-booking-absent = absent
admin-no-upcoming = Aucun rendez-vous à venir.
admin-mark-absent = Marquer absent
admin-offered-on = Créneaux proposés par e-mail le { $date }.
admin-no-match = Aucun créneau libre ne correspond pour l’instant.
admin-matching-hours = Créneaux libres qui correspondent maintenant :
admin-offer-hours = Proposer ces horaires
admin-booked-via = Réservé via le lien du { $date }.
admin-see-booking = Voir le rendez-vous
admin-calcom-key-refused = clé Cal.com refusée
admin-calcom-key-needed = Cal.com demande une clé (CAL_COM_TOKEN)
admin-calcom-rate-limited = limite de requêtes Cal.com atteinte
admin-calcom-unavailable = Cal.com ne répond pas
admin-calcom-unexpected = réponse inattendue de Cal.com
admin-booked-here-unreadable = Les rendez-vous pris sur la page ne peuvent pas être lus.
admin-demo-calendar = Calendrier de démonstration : aucun compte Cal.com n’est configuré.
admin-no-calcom-key = Aucune clé Cal.com n’est configurée (CAL_COM_TOKEN) : Cal.com ne donne la liste des rendez-vous qu’avec une clé.
admin-upcoming-unreadable = Les rendez-vous à venir ne peuvent pas être lus pour le moment ({ $reason }).
admin-disabled-title = Administration désactivée
admin-disabled = L’administration n’est pas activée sur ce serveur : définissez ADMIN_TOKEN pour l’ouvrir.
admin-blocked-title = Trop de tentatives
admin-blocked = Trop de tentatives de connexion échouées : réessayez dans une minute.
admin-denied = Jeton incorrect ou session expirée : connectez-vous.
admin-wrong-token = Jeton incorrect.
admin-error = Erreur
admin-proposals-unreadable = Les demandes ne peuvent pas être lues : voyez les journaux du serveur.
admin-session-failed = La connexion n’a pas pu être ouverte : voyez les journaux du serveur.
admin-not-found = Introuvable
admin-no-such-proposal = Cette demande n’existe pas.
admin-proposal-unreadable = La demande ne peut pas être lue.
admin-unknown-type-title = Type inconnu
admin-unknown-type = Ce type de rendez-vous n’est plus configuré.
admin-no-hour-title = Plus de créneau
admin-no-hour = Aucun créneau libre ne correspond maintenant à cette demande.
admin-withdraw-link = Pour retirer la demande : { $link }
admin-links-title = Liens à envoyer
admin-links = Aucun e-mail ne peut partir d’ici (SMTP_URL ou business.public_url manquant). Envoyez ces liens au visiteur ; chacun réserve un créneau en un clic : { $links }
admin-followed-title = Déjà suivie
admin-followed = Cette demande n’est plus nouvelle.
admin-offer-failed = Les créneaux n’ont pas pu être proposés.
admin-no-such-booking = Ce rendez-vous n’existe pas.
admin-booking-unreadable = Le rendez-vous ne peut pas être lu.
admin-not-yet-title = Pas encore
admin-not-yet = Un rendez-vous à venir ne peut pas être marqué absent.
admin-absent-refused = Cal.com n’a pas enregistré l’absence : réessayez plus tard.
admin-absent-failed = L’absence n’a pas été enregistrée.
admin-erase-intro = Sur demande d’une personne, efface tout ce qui est conservé ici à son sujet : ses demandes de disponibilités, ses rendez-vous, les notifications et formulaires qui la citent. C’est définitif. Ses rendez-vous restent dans Cal.com : annulez-les ou effacez-les là-bas aussi.
admin-erase-email = Adresse e-mail de la personne
admin-erase-confirm = Effacer définitivement
admin-back = Revenir à l’administration
admin-erase-invalid = Indiquez l’adresse e-mail de la personne, par exemple zoe@exemple.fr.
admin-erased-title = Données effacées
admin-erased = Effacé pour { $email } : { $proposals } demande(s), { $bookings } rendez-vous, { $notifications } notification(s), { $drafts } formulaire(s) en attente. Pensez à Cal.com pour ses rendez-vous.
admin-erase-failed-title = Effacement impossible
admin-erase-failed = Rien n’a été effacé : la base de données ne répond pas. Réessayez dans un instant.
admin-export-failed = export impossible
admin-yes = oui
admin-calcom-title = Cal.com

# The owner's side (in business.language): the CSV exports' header rows.
csv-id = id
csv-received = reçue le (UTC)
csv-type = type
csv-name = nom
csv-email = e-mail
csv-phone = téléphone
csv-availabilities = disponibilités
csv-message = message
csv-origin = origine (utm)
csv-status = statut
csv-offered = créneau proposé le (UTC)
csv-booking = rendez-vous
csv-start = début (UTC)
csv-date = date
csv-hour = heure
csv-length = durée (min)
csv-absent = absent
csv-place = lieu
