# The visitors' pages in English. Every id of fr.ftl, and no other.

## Language

lang-name = English
lang-switch = Language
og-locale = en_GB

## Dates and times

date = { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    } { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }
date-with-year = { date } { $year }
date-time = { $date } at { $time }
hour-name = { $date } at { $time }, { $zone }
zone-label = { $city } time
minutes = { $minutes } min
type-minutes = { $type } ({ $minutes } min)

## The page

skip-link = Skip to content
page-title = Book an appointment
page-description = Book an appointment online with { $name }: pick a free date and time in a few seconds.
loading = Loading availability…
demo-badge = demo mode
type-switch = Type of appointment

## Dates and hours

choose-date = Choose a date
dates-from = Next availability from { $date }.
dates-this-week = This week's availability.
dates-stale = Availability to be confirmed: the calendar is not answering right now.
no-date-fits = None of these dates suits me
choose-hour = Choose a time
change-date = Change the date
no-hour-fits = None of these times suits me
# Said by the browser (%date%… are filled in there).
announce-dates = Choosing a date
announce-hours = Times on %date%
elsewhere = You seem to be in another time zone (%visitor%): %time% (%zone%) is %local% where you are.

## Contact details

contact-title = Your details
held-until = This time is held for you until { $time } ({ $zone }) while you fill in the form.
hour-gone = This time is no longer available. Here are the nearest free times.
change-hour = Change the time
propose-own = Suggest my availability
name = Full name
email = Email address
email-hint = The confirmation will be sent to this address.
phone = Phone
phone-optional = Phone (optional)
message-optional = Message (optional)
optional = { $label } (optional)
honeypot = Do not fill in this field
book = Confirm the appointment
booking-busy = Booking…

## Suggesting one's availability

propose-title = Suggest your availability
propose-intro-none = No time is free at the moment. Tell us when you are available: we will get back to you.
propose-intro-nothing-fits = None of the dates suits you? Tell us when you are available: we will get back to you.
propose-intro-unavailable = Live availability cannot be shown right now. Tell us when you are available: we will get back to you.
propose-intro-asked = Tell us when you are available: we will get back to you to set the appointment.
propose-slots = Your availability (at least one)
slot-title = Time range { $number }
slot-which = time range { $number }
slot-day = Day
slot-from = From
slot-to = To
consent = I agree that my details are kept so that I can be contacted.
privacy-link = Privacy
send-proposal = Send my availability
sending-busy = Sending…
back-to-dates = See the suggested dates again

## Refused fields

fix-fields = Some fields need fixing: see the message under each of them.
name-missing = Enter your name.
name-length = The name must be 2 to 100 characters long, with no invisible special character.
email-missing = Enter your email address.
email-invalid = Invalid email address (for example: name@domain.com).
phone-invalid = Invalid phone number (for example: +44 20 7946 0958 or 06 12 34 56 78).
phone-missing = Enter a phone number so that we can call you.
phone-not-real = This phone number does not seem valid: check it (for example: +44 20 7946 0958, or 06 12 34 56 78 in France).
message-too-long = The message cannot be longer than 2000 characters.
message-invisible = The message contains invisible characters that are not allowed.
slots-too-many = Suggest three time ranges at most.
slot-day-missing = Enter a day.
slot-day-range = Choose a day between today and a year from now.
slot-hours-missing = Enter a start and an end time (hh:mm).
slot-hours-order = The end time must come after the start time.
slots-none = Suggest at least one time range: a day, a start and an end time.
consent-missing = Tick the box to agree that your details are kept so that we can contact you.
answer-check = Tick this box to continue.
answer-missing = Answer this question.
answer-invalid = This answer is too long or contains characters that are not allowed.
answer-number = Enter a number.
answer-choice = Choose one of the answers offered.
answer-url = Enter a web address (https://…).

## Held back

retry-too-fast = Sent too fast: check your details, then send the form again.
retry-expired = The form has expired: check your details, then send it again.
cap-email-bookings = This address has already booked several appointments today: for another one, contact us directly.
cap-email-proposals = This address has already sent us several requests today: we will get back to you.
cap-client-bookings = Several appointments have already been booked from your connection today: for another one, contact us directly.
cap-client-proposals = Several requests have already been sent to us from your connection today: we will get back to you, or try again tomorrow.

## Booking

booking-failed = The booking could not go through: leave us your availability and we will get back to you.
booking-taken = This time is no longer available: it has probably just been booked. Here are the nearest free times.
booking-unavailable = The calendar is not answering at the moment: leave us your availability and we will get back to you.
booking-refused = Cal.com refused the booking: leave us your availability and we will get back to you.
booking-unconfirmed = The booking could not be confirmed: if Cal.com sends you a confirmation email, it went through; otherwise, leave us your availability.

## The appointment

appointment = Appointment
your-appointment = Your appointment
cancel-title = Cancel the appointment
move-title = Reschedule the appointment
cancelled-title = Appointment cancelled
moved-title = Appointment rescheduled
pending-title = Appointment request received
booked-title = Appointment confirmed
cancelled-text = This appointment has been cancelled.
moved-text = This appointment has been rescheduled: here is the link to the new one.
past-text = This appointment is over.
demo-text = Demo mode: no email will be sent.
pending-text = The appointment still has to be accepted: you will receive a confirmation email from Cal.com.
booked-text = You will receive a confirmation email from Cal.com. Keep this page: it lets you cancel or reschedule the appointment.
recap = Summary
recap-type = Type
recap-date = Date
recap-time = Time
recap-name = Name
see-new = See the new appointment
book-another = Book another appointment
add-to-calendar = Add to my calendar (.ics)
cancel-reason = Reason (optional)
cancel-confirm = Confirm the cancellation
cancel-keep = Keep the appointment
move-none = No other time is free at the moment: keep this appointment or cancel it.
move-choose-date = Choose a new date
move-later-dates = None of these dates suits me
move-earlier-dates = Earlier dates
move-choose-hour = Choose a time on { $date }
move-other-date = Choose another date
move-keep = Keep this time
move-new = New time
move-confirm = Confirm the new time
move-other = Choose another time
move-taken = This time has just been taken: choose another one.
move-failed = The calendar did not answer: nothing has changed, try again in a moment.

## Thank you

thanks-title = Thank you
thanks-heading = Thank you, your availability has been saved
thanks-next = What happens next?
thanks-text = We will get back to you by email or phone to set the appointment.
back-to-booking = Back to booking
back-to-start = Back to the start

## Page not found

not-found-title = Page not found
not-found-text = This address matches no page.

## Privacy

privacy-title = Privacy
privacy-kept = What we keep
privacy-our-calendar = our calendar
privacy-calendar-us = Cal.com (Cal.com, Inc., hosted in the United States)
privacy-calendar-eu = Cal.com (hosted in the European Union)
privacy-calendar-own = our own installation of Cal.com ({ $host })
privacy-booking = When you book an appointment, your name, email address, phone and message are sent to { $calendar }, which handles the appointment for us, and kept here to show the confirmation.
privacy-proposal = When you suggest your availability, the same details and the time ranges you suggest are saved so that we can contact you. They serve no other purpose: they may be sent to us by email or shown in our internal tools, and are shared with no one else.
privacy-how-long = How long
privacy-retention = Availability requests are deleted at most { $days } days after they are sent, and appointments { $days } days after their date. A refused form (a field to fix) is kept 30 minutes at most, to show it to you again, then erased. Against abuse, we count what is sent per IP address: an hour at most for the per-minute limits, and a day, as an encrypted fingerprint (never the address itself), for the daily limits; what is sent per email address is counted the same way for a day, as an encrypted fingerprint.
privacy-rights = Your rights
privacy-rights-text = You can ask to see, correct or delete your details by writing to us at the address given on our website.

## Errors

error-malformed = The request is malformed.
error-rate-limited = Too many requests in a short time: try again in a minute.
error-too-large = What you sent is too large: shorten your message, then try again.
error-timed-out = Sending took too long: check your connection, then try again.
error-busy = The service is very busy right now: try again in a moment.
error-internal = An unexpected error occurred. Try again in a moment.
error-transport = The connection to the server failed. Check your connection and try again.
error-unknown-type = Unknown type of appointment: start again from the beginning.
error-choose-first = Choose a date and a time first.
error-refused = Sending refused.
error-no-appointment = This appointment cannot be found.
error-link-expired = This link has expired: the appointment was several days ago.
title-bad-request = Incorrect request
title-not-found = Not found
title-calendar-unavailable = Calendar unavailable
title-rate-limited = Too many requests
title-too-large = Too large
title-timed-out = Timed out
title-busy = Service very busy
title-error = Error
calendar-key-refused = Cal.com API key refused: check CAL_COM_TOKEN.
calendar-key-needed = This event type needs a Cal.com API key: set CAL_COM_TOKEN.
calendar-unknown-type = Event type unknown to Cal.com: check calcom_id in Leptos.toml.
calendar-unreadable = Cal.com's answer cannot be read: check CAL_COM_API_URL.
calendar-rate-limited = Cal.com is limiting requests: try again in a minute.
calendar-unavailable = Cal.com is not answering: try again in a few minutes.

# The email that offers a visitor hours matching their proposal.
offer-subject = { $business }: a time that suits you is free
offer-hello = Hello { $name },
offer-why = You sent { $business } the times you are available for an appointment ({ $kind }). A time that suits you has just come free. One click books it, your details are already filled in:
offer-book = Book { $when }
offer-zone = Times in { $zone }.
offer-once = This is the only automatic message you will get for this request. The time stays open to other visitors until it is booked.
offer-stop = No longer want an appointment? Withdraw your request: { $link }
offer-stop-html = No longer want an appointment?
offer-withdraw = Withdraw my request
offer-consent = If a matching time comes free, you will get one email to book it in one click.
privacy-offer = If a time matching your availability comes free, we send you one email offering it, with a link to book it and a link to withdraw your request. That email contains no tracking.
offer-page-title = Your appointment request
offer-gone = This link no longer works: the request was booked, withdrawn or handled, or its date has passed.
offer-taken = Someone else has just booked this time.
offer-others = These times match your availability too:
offer-none = No other time matches for now. Your request stays on file.
offer-see-dates = See the available dates
offer-withdraw-ask = Withdraw your appointment request? We will not offer you any more times.
offer-withdrawn = Your request is withdrawn. We will not write to you about it again.
offer-used = This appointment was already booked with this link.

# The business's rules for changes, on the confirmation page ({ $delay }: "24 h", "30 min").
rule-both-until = You can move or cancel this appointment up to { $delay } before.
rule-move-until = You can move this appointment up to { $delay } before.
rule-cancel-until = You can cancel this appointment up to { $delay } before.
rule-move-late = This appointment can no longer be moved online (it could be up to { $delay } before).
rule-cancel-late = This appointment can no longer be cancelled online (it could be up to { $delay } before).
rule-no-move = This appointment cannot be moved online.
rule-no-cancel = This appointment cannot be cancelled online.
rule-contact = For any change, contact us: { $contact }.

# Where the meeting happens, and calendars.
recap-place = Where
place-join = Join the video call
place-video = Video call
place-map = See on a map
add-google = Google Calendar
add-outlook = Outlook
ics-reminder = Appointment in one hour

# The reminder before an appointment.
reminder-subject = Reminder: { $kind } on { $when }
reminder-hello = Hello { $name },
reminder-when = This is a reminder of your appointment ({ $kind }) with { $business } on { $when } ({ $zone }).
reminder-your-time = Your time: { $when } ({ $zone }).
reminder-where = Where: { $place }
reminder-manage = To see, move or cancel it: { $link }

# Where the meeting happens, when the event type offers several places.
place-choose = Where will the appointment take place?
place-option-video = By video call
place-option-address = At { $address }
place-option-phone = By phone: you call { $phone }
place-option-link = Online (the link is sent to you)
place-option-attendee-phone = By phone: we call you
place-option-attendee-address = At your address
place-option-attendee-defined = Elsewhere (say where below)
place-detail = Your address or the place (if you choose it)
place-detail-missing = Give the address or the place.
place-phone-missing = Give your phone number so that we can call you.

# The owner's side (in business.language): notification emails.
owner-line = { $label }: { $value }
owner-name = Name
owner-email = Email
owner-phone = Phone
owner-type = Type
owner-when = When
owner-length = Length
owner-status = Cal.com status
owner-reason = Reason
owner-before = Before
owner-now = Now
owner-message = Message
owner-availabilities = Availability:
owner-availability = { $date } from { $from } to { $to }
owner-proposal-intro = Someone found no suitable time and proposes their availability.
owner-proposal-admin = To handle in the admin: /admin
owner-proposal-subject = New appointment request: { $name }
owner-booked-intro = An appointment has just been booked.
owner-booked-subject = New appointment: { $name }, { $when }
owner-cancelled-intro = An appointment has just been cancelled by the visitor.
owner-cancelled-subject = Appointment cancelled: { $name }, { $when }
owner-moved-intro = An appointment has just been moved by the visitor.
owner-moved-subject = Appointment moved: { $name }, { $when }

# The owner's side (in business.language): the admin pages.
admin-title = Administration
admin-sign-in-title = Administration — sign in
admin-token = Admin token
admin-token-hint = The value of ADMIN_TOKEN in the server’s configuration.
admin-sign-in = Sign in
admin-sign-out = Sign out
admin-inbox-title = Administration — requests and appointments
admin-upcoming = Upcoming appointments
admin-proposals = Requests
admin-proposals-title = Availability requests
admin-export-proposals = Export the requests (CSV)
admin-export-bookings = Export the appointments (CSV)
admin-erase-link = Erase a person’s data
admin-booked-here = Booked on the page, and what became of them
admin-filter = Filter by status
admin-filter-all = All
admin-filter-new = New
admin-filter-handled = Handled
admin-count = { $total } request(s)
admin-count-shown = { $total } request(s); the { $shown } newest are shown, the CSV export has them all.
admin-no-proposal = No request.
admin-mark-new = Mark as new again
admin-mark-handled = Mark as handled
admin-origin = Origin
admin-received = Received on { $when }
admin-availabilities = Availability
admin-availability = { $date }, from { $from } to { $to }
admin-status-new = new
admin-status-handled = handled
admin-status-booked = booked
admin-status-withdrawn = withdrawn
admin-booking-accepted = confirmed
admin-booking-pending = to confirm
admin-booking-cancelled = cancelled
admin-booking-rejected = declined
admin-booking-moved = moved
admin-booking-absent = absent
admin-no-upcoming = No upcoming appointment.
admin-mark-absent = Mark as absent
admin-offered-on = Times offered by email on { $date }.
admin-no-match = No free time matches for now.
admin-matching-hours = Free times that match now:
admin-offer-hours = Offer these times
admin-booked-via = Booked through the link of { $date }.
admin-see-booking = See the appointment
admin-calcom-key-refused = Cal.com key refused
admin-calcom-key-needed = Cal.com asks for a key (CAL_COM_TOKEN)
admin-calcom-rate-limited = Cal.com rate limit reached
admin-calcom-unavailable = Cal.com does not answer
admin-calcom-unexpected = unexpected answer from Cal.com
admin-booked-here-unreadable = The appointments booked on the page cannot be read.
admin-demo-calendar = Demo calendar: no Cal.com account is configured.
admin-no-calcom-key = No Cal.com key is configured (CAL_COM_TOKEN): Cal.com lists bookings only with a key.
admin-upcoming-unreadable = The upcoming appointments cannot be read for now ({ $reason }).
admin-disabled-title = Administration disabled
admin-disabled = The administration is not enabled on this server: set ADMIN_TOKEN to open it.
admin-blocked-title = Too many attempts
admin-blocked = Too many failed sign-in attempts: try again in a minute.
admin-denied = Wrong token or expired session: sign in.
admin-wrong-token = Wrong token.
admin-error = Error
admin-proposals-unreadable = The requests cannot be read: see the server’s logs.
admin-session-failed = The session could not be opened: see the server’s logs.
admin-not-found = Not found
admin-no-such-proposal = This request does not exist.
admin-proposal-unreadable = The request cannot be read.
admin-unknown-type-title = Unknown type
admin-unknown-type = This appointment type is no longer configured.
admin-no-hour-title = No time left
admin-no-hour = No free time matches this request now.
admin-withdraw-link = To withdraw the request: { $link }
admin-links-title = Links to send
admin-links = No email can leave from here (SMTP_URL or business.public_url missing). Send these links to the visitor; each books a time in one click: { $links }
admin-followed-title = Already followed up
admin-followed = This request is no longer new.
admin-offer-failed = The times could not be offered.
admin-no-such-booking = This appointment does not exist.
admin-booking-unreadable = The appointment cannot be read.
admin-not-yet-title = Not yet
admin-not-yet = An upcoming appointment cannot be marked absent.
admin-absent-refused = Cal.com did not record the absence: try again later.
admin-absent-failed = The absence was not recorded.
admin-erase-intro = At a person’s request, erases everything kept here about them: their availability requests, their appointments, the notifications and forms that name them. It is final. Their appointments stay in Cal.com: cancel or delete them there too.
admin-erase-email = The person’s email address
admin-erase-confirm = Erase for good
admin-back = Back to the administration
admin-erase-invalid = Give the person’s email address, for example zoe@example.com.
admin-erased-title = Data erased
admin-erased = Erased for { $email }: { $proposals } request(s), { $bookings } appointment(s), { $notifications } notification(s), { $drafts } pending form(s). Remember Cal.com for their appointments.
admin-erase-failed-title = Erasure impossible
admin-erase-failed = Nothing was erased: the database does not answer. Try again in a moment.
admin-export-failed = export impossible
admin-yes = yes
admin-calcom-title = Cal.com

# The owner's side (in business.language): the CSV exports' header rows.
csv-id = id
csv-received = received (UTC)
csv-type = type
csv-name = name
csv-email = email
csv-phone = phone
csv-availabilities = availability
csv-message = message
csv-origin = origin (utm)
csv-status = status
csv-offered = times offered (UTC)
csv-booking = appointment
csv-start = start (UTC)
csv-date = date
csv-hour = time
csv-length = length (min)
csv-absent = absent
csv-place = place
