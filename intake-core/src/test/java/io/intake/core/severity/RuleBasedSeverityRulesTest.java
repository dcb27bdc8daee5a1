package io.intake.core.severity;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleBasedSeverityRulesTest {

    private static final SeverityRules RULES = RuleBasedSeverityRules.defaults();

    static Classification chat(String body) {
        return RULES.classify(request(Channel.CHAT, "", body));
    }

    static Classification email(String subject, String body) {
        return RULES.classify(request(Channel.EMAIL, subject, body));
    }

    static IntakeRequest request(Channel channel, String subject, String body) {
        return IntakeRequest.builder(channel, "test-1").subject(subject).body(body)
                .receivedAt(Instant.parse("2025-03-04T15:00:00Z")).build();
    }

    @Nested
    class Negation {

        @Test
        void readsPhonesNotDownJustVoicemailAsDegraded() {
            assertThat(chat("phones are NOT down, just voicemail. It won't play messages").severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void readsNotOurInternetAndEveryPhoneAtBothSitesAsCritical() {
            Classification c = chat("Phones are dead. It's not our internet, and it's every phone at both sites.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void treatsNothingIsBrokenAsNoProblem() {
            assertThat(chat("nothing is broken, just want to rename ext 104 to Front Desk").severity()).isEqualTo(Severity.LOW);
        }
    }

    @Nested
    class Scope {

        @Test
        void oneHandsetAtReceptionIsDegraded() {
            assertThat(chat("the phone at reception has no dial tone, the other phones work").severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void noPhoneAtTheSiteIsCritical() {
            assertThat(chat("none of the phones at the site have dial tone. internet is fine").severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void everyPhoneAtOneSiteIsCriticalEvenWhenAnotherSiteWorks() {
            Classification c = email("Main St down", "Our Main St phones are all down. Elm St phones are working fine.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void oneUserWhoCannotDialOutIsDegraded() {
            assertThat(chat("my extension 231 can't make outside calls, everyone else can").severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void nobodyAbleToDialOutIsCritical() {
            Classification c = chat("NOBODY can call out. every phone says call cannot be completed");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(c.rule()).isEqualTo("critical.outbound-down");
        }

        @Test
        void oneUnreachableNumberIsDegraded() {
            assertThat(chat("we cant call one number, our supplier 555-010-0142, every other number works").rule())
                    .isEqualTo("degraded.specific-number");
        }
    }

    @Nested
    class TyposAndSpanish {

        @Test
        void correctsCommonTypos() {
            assertThat(chat("voicemial light wont turn off").rule()).isEqualTo("degraded.feature-voicemail");
            assertThat(chat("teh phnes are all dead, no dialtone").severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void correctsNearMissesOfVocabularyWords() {
            assertThat(chat("the confrence button drops the 3rd caller").rule()).isEqualTo("degraded.feature-conference");
            assertThat(chat("calls to our main numbr are not in servcie").severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void correctsTyposInTheWordsThatDecide() {
            assertThat(chat("nobody in the office can make outsdie calls, all get a fast busy").severity())
                    .isEqualTo(Severity.CRITICAL);
            assertThat(chat("evrey call to our main number drosp when we answer").severity()).isEqualTo(Severity.CRITICAL);
            // a corrected word is rewritten like the word itself: "cannto" -> "cannot" -> "can not"
            assertThat(chat("we cannto make or receive calls on any phone").severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void leavesRealWordsNextToAVocabularyWordAlone() {
            // "noting" is one letter from "nothing", "looked" from "locked": real words are never corrected
            assertThat(chat("noting works better than a restart, thanks for the tip").severity()).isEqualTo(Severity.LOW);
            assertThat(chat("we looked at the portal and found the ring group settings").severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void readsSpanishAndLiteralTranslations() {
            assertThat(chat("nuestro main number marca ocupado todo el día, nunca timbra aquí").severity())
                    .isEqualTo(Severity.CRITICAL);
            assertThat(chat("las llamadas al número principal se cortan en cuanto contestamos, en todos los teléfonos")
                    .severity()).isEqualTo(Severity.CRITICAL);
            assertThat(chat("when clients call our principal number the line is occupied always").severity())
                    .isEqualTo(Severity.CRITICAL);
        }

        @Test
        void readsSpanish() {
            assertThat(chat("no funcionan los teléfonos en la oficina").severity()).isEqualTo(Severity.CRITICAL);
            assertThat(chat("no podemos llamar").severity()).isEqualTo(Severity.CRITICAL);
            assertThat(chat("el buzón de voz no funciona, las llamadas sí").severity()).isEqualTo(Severity.DEGRADED);
        }
    }

    @Nested
    class QuotedHistory {

        @Test
        void aBareForwardIsReadThroughToTheReportItCarries() {
            Classification c = email("Fw: Portland office", "???\n\nGordon Whitfield\nManaging Partner\n\n"
                    + "-----Original Message-----\nFrom: Alicia Tran\nSent: Wednesday 8:22 AM\nSubject: RE: Portland office\n\n"
                    + "Internet at Portland is up and the switch is fine, but every one of the 14 phones there says "
                    + "\"Registration failed\" and nobody can make or receive calls.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void theNewestTextSayingTheOthersWorkNarrowsAQuotedReport() {
            Classification c = email("RE: outbound", "Thanks, most phones can dial out again. Two of them still get the "
                    + "call cannot be completed message. The other ten work fine.\n\n> On Tue, Support wrote:\n"
                    + "> We applied a fix to your trunk.\n>> None of our phones can dial out, every number fails.");
            assertThat(c.severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void aFollowUpOnAnOutageNowFixedIsNotTheOutage() {
            Classification c = chat("following up on the thread from this morning about our main number not ringing\n"
                    + "it's been working since about 10:30\nmy boss wants an outage report for our records");
            assertThat(c.severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void ignoresAnOldOutageInQuotedText() {
            Classification c = email("RE: ALL PHONES DOWN", "All working again, thanks!\n\n-----Original Message-----\nFrom: X\nSent: Monday\n\nAll phones are down!!");
            assertThat(c.severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void usesQuotedTextWhenTheNewestTextSaysStillHappening() {
            Classification c = email("RE: phones", "Still happening, please escalate.\n\nOn Mon, Support wrote:\n> Customer: none of the phones at either office can make calls");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void stripsSignaturesAndDisclaimers() {
            Classification c = email("Question", "How do I park a call?\n\nThanks,\nAnn\nNetwork Outage Response Team\n\nCONFIDENTIALITY NOTICE: phones down calls fail");
            assertThat(c.severity()).isEqualTo(Severity.LOW);
        }
    }

    @Nested
    class CustomerNetwork {

        @Test
        void excludesProblemsTheCustomerAttributesToTheirIsp() {
            Classification c = chat("comcast has an outage, our internet is down and all phones are dead");
            assertThat(c.rule()).isEqualTo("low.customer-network");
            assertThat(c.severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void doesNotApplyWhenTheCustomerSaysTheirInternetIsFine() {
            Classification c = chat("we replaced the router last month but our internet is fine now. none of the phones have dial tone");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void setsAsideTheExcludedSiteAndClassifiesTheOtherSiteOnItsOwn() {
            String otherSiteDown = "Elm St phones are all offline because Comcast is down in that area, they confirmed.\n\n"
                    + "Separate issue at Main St: the overhead paging stopped working yesterday.";
            Classification paging = email("Two things", otherSiteDown);
            assertThat(paging.severity()).isEqualTo(Severity.DEGRADED);
            assertThat(paging.rule()).isEqualTo("degraded.feature-paging");

            Classification outage = email("Fremont and Oakland", "Fremont: AT&T has an outage there, the computers are down too.\n\n"
                    + "Oakland is the real problem. The internet there is working, but not a single handset in the building works.");
            assertThat(outage.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void aParagraphThatOnlyRulesTheNetworkOutLeavesTheMessageWhole() {
            Classification c = email("Phones", "Every phone says No Service. We thought our internet was down and rebooted the modem.\n\n"
                    + "IT checked: the internet is fine, computers are online.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void stillExcludesAWholeMessageWhoseLaterParagraphIsTheSameProblem() {
            Classification c = email("Phones", "Our internet went down at 8, Spectrum has an outage.\n\nNone of our phones work, please help.");
            assertThat(c.rule()).isEqualTo("low.customer-network");
        }

        @Test
        void readsIndirectCausesOnTheCustomersSide() {
            assertThat(chat("cleaning crew pulled the plug on the PoE switch, it's on our end, don't send anybody").rule())
                    .isEqualTo("low.customer-network");
            assertThat(chat("phones all down, so is our email and nobody can get on the internet").rule()).isEqualTo("low.customer-network");
            assertThat(chat("the PoE switch the phones plug into got unplugged during the move, our IT is re-cabling it now").rule())
                    .isEqualTo("low.customer-network");
        }

        @Test
        void aLaptopOnlineOnTheSameJackRulesTheNetworkOut() {
            Classification c = chat("two phones at the dock say Registration failed, the other ten are fine. "
                    + "Our network guy moved them to other switch ports, and a laptop on the same jacks gets online no problem");
            assertThat(c.severity()).isEqualTo(Severity.DEGRADED);
        }
    }

    @Nested
    class ReadingRunOnSpeech {

        @Test
        void aHowToClauseInAPunctuationlessTranscriptDoesNotHideTheOutage() {
            IntakeRequest call = request(Channel.PHONE, "IVR: 1 - service outage or technical problem",
                    "hi this is tom at lakeside dental we moved our numbers over to you on friday um today patients tell us "
                            + "when they call from their cell they get a message the number you have dialed is not in service "
                            + "um some people can get us and some cant and we dont know how many patients were missing please call back");
            Classification c = RULES.classify(call);
            assertThat(c.rule()).isEqualTo("critical.porting-callers-cannot-reach");
        }
    }

    /** Wordings a second read of the rules showed could hide an outage behind a veto or a mood; each stays CRITICAL. */
    @Nested
    class VetoesDoNotHideAnOutage {

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {
            "I'm worried because customers are getting a disconnected message on our main number.",
            "Main concern: callers are getting a fast busy when they dial our main line.",
            "We want calls to go through again, our customers hear a busy signal on the main number.",
            "Since your planned maintenance our phones show No Service. Internet is fine.",
            "All our phones have no dial tone since 9. We will lose customers if the phones stay down much longer.",
            "The voicemail greeting issue is fixed now, thanks. Separate problem: calls to our main number are routed to a "
                    + "pizza place.",
            "Every phone was working fine until noon. Since then the phones show No Service.",
            "Are we the only one having this? Our phones show No Service since 9.",
            "Callers get through maybe one time in ten, the rest hear a fast busy on our main number.",
            "Is your carrier doing maintenance tonight? Our phones show No Service.",
            "We rebooted the router and plugged the phones back in, still no dial tone on any phone.",
            "We moved to the new office on Monday and the phones have no dial tone. Internet works.",
            "Voicemail is fine. But the phones are not ringing when customers call.",
            "Nothing rings when customers call, we can't even see who is calling.",
            "This morning the reception phone lost dial tone. Now it has spread and we can't make outside calls from "
                    + "anywhere.",
            "Our main number goes to the closed message at noon today. We are open."
        })
        void staysCritical(String body) {
            assertThat(email("", body).severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void aTicketReferenceIsNotQuotedHistory() {
            assertThat(email("", "Original ticket: 48213\nNone of our phones can make or receive calls since 9 am.")
                    .severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void theClosedMessageHeardAfterHoursIsHowItShouldBe() {
            assertThat(email("Greeting", "When I call our main number after hours I get the message that says we are "
                    + "closed. Can we change the wording to mention our new hours?").severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void aShortThanksOverAQuotedOutageDoesNotReopenIt() {
            Classification c = email("RE: main number", "Perfect, thank you!\n\n> On Tue, Support wrote:\n"
                    + "> We restored the routing of your main number at 10:05.\n>> Our main number gives callers a fast busy.");
            assertThat(c.severity()).isNotEqualTo(Severity.CRITICAL);
        }
    }

    @Nested
    class SpeechAndChatLines {

        @Test
        void aStutteredWordIsReadOnce() {
            IntakeRequest call = request(Channel.PHONE, "IVR: 1 - service outage or technical problem",
                    "hi um all our phones went dead and uh okay so the cleaning crew unplugged the the the switch in the "
                            + "closet the power thing for the phones so we plugged it back in");
            assertThat(RULES.classify(call).severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void aSentenceAboutThePhoneJustNamedKeepsItsScope() {
            Classification c = email("Phone after move", "We relocated the nurse station phone to the east wing on "
                    + "Saturday. Since then it shows Registration failed and can't make or get calls.");
            assertThat(c.severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void aMessageLightWithNoNewMessagesIsTheVoicemailFeature() {
            assertThat(chat("the red message light is on on every phone in the office\nbut nobody has any new messages")
                    .rule()).isEqualTo("degraded.feature-voicemail");
        }
    }

    @Nested
    class Corrections {

        @Test
        void whatFollowsACorrectionDecides() {
            Classification c = email("Phones dead at Pine office", "The phones at our Pine Street office are dead - nobody can call.\n\n"
                    + "Correction, I just walked upstairs: the upstairs phones are working and taking calls, including the main line. "
                    + "It's the six downstairs that show No Service. Laptops on those same jacks get online fine.");
            assertThat(c.severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void aCallerWhoTakesItBackIsNotReportingAnOutage() {
            IntakeRequest call = request(Channel.PHONE, "IVR: 1 - service outage or technical problem",
                    "Hey, this is Carlos. None of our phones work at the new office. Well, sorry, that came out wrong. "
                            + "They're still in the boxes, we haven't plugged anything in yet. I need to book a technician for the install.");
            assertThat(RULES.classify(call).severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void anApologyInsideASentenceIsNotACorrection() {
            Classification c = email("Main number", "Main number gives every caller a fast busy.\n\n"
                    + "The number, my mistake for not saying, is 555-0110.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void quotedHistoryThatCallsWereWorkingDoesNotVetoTheNewestText() {
            Classification c = email("RE: main line", "It's back. Same as last week, the main line gives a fast busy to everyone.\n\n"
                    + "> On Tue, Support wrote:\n> Calls are working again after the fix on our side.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }
    }

    @Nested
    class LookAlikes {

        @Test
        void anUnattendedDeskThatRingsForeverIsNotAFault() {
            assertThat(chat("how do I pick up a call ringing on someone else's desk? the phone in sales rings forever when they're at lunch")
                    .severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void aCellThatFollowMeNoLongerRingsIsTheFeature() {
            Classification c = email("Follow me not ringing my cell", "It only rings the desk and then goes to voicemail; my cell never rings.");
            assertThat(c.severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void internalCallsWorkingDoNotMeanTheMainNumberWorks() {
            Classification c = email("Our number goes to a pizza place", "When people call our main office number they get Tony's Pizza. "
                    + "Our own phones work fine for calling each other.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void aVoicemailPinLockoutIsAConfigurationRequest() {
            assertThat(chat("I LOCKED MYSELF OUT OF MY VOICEMAIL BY TYPING THE WRONG PIN. PLEASE RESET IT").severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void aPhoneOwnerWhoSaysNothingIsWrongIsLow() {
            IntakeRequest call = request(Channel.PHONE, "IVR: 1 - service outage or technical problem",
                    "I'm not having any problem actually, our phones are fine, my boss saw something about an outage and wanted me to ask");
            assertThat(RULES.classify(call).rule()).isEqualTo("low.service-working");
        }

        @Test
        void oneUnreachableCountryIsDegradedWhenOtherCallsGoThrough() {
            assertThat(chat("no podemos llamar a México, sale the call cannot be completed. las llamadas locales y a Texas sí funcionan bien")
                    .severity()).isEqualTo(Severity.DEGRADED);
        }

        @Test
        void plannedAndHypotheticalOutagesAreLow() {
            assertThat(email("Disconnecting old lines Friday", "When we disconnect the old lines this Friday, is there anything to do "
                    + "so our phones keep working?").severity()).isEqualTo(Severity.LOW);
            assertThat(email("Power shutdown Saturday", "Electricians will shut off power Saturday. All our phones will show offline. "
                    + "No need to send anyone or call us about the alerts.").severity()).isEqualTo(Severity.LOW);
            assertThat(email("Question", "Can we set it up so calls go to my cell whenever the phones are offline?").severity())
                    .isEqualTo(Severity.LOW);
        }
    }

    @Nested
    class Porting {

        @Test
        void portOrderIsLow() {
            assertThat(email("Port request", "We'd like to port 555-010-0150 to you. LOA attached.").rule()).isEqualTo("low.porting-order");
        }

        @Test
        void portFailureThatStopsCallersIsCritical() {
            Classification c = email("Since port", "Since the port completed, callers from Verizon get not in service.");
            assertThat(c.rule()).isEqualTo("critical.porting-callers-cannot-reach");
        }

        @Test
        void worryAboutDowntimeDuringAPortIsLow() {
            assertThat(email("Port", "Please make sure we won't be down during the port next week.").severity()).isEqualTo(Severity.LOW);
        }
    }

    @Nested
    class FeaturesAndHowTo {

        @Test
        void brokenFeatureIsDegradedEvenSiteWide() {
            Classification c = chat("paging is not working on any phone in the building, calls are fine");
            assertThat(c.severity()).isEqualTo(Severity.DEGRADED);
            assertThat(c.rule()).isEqualTo("degraded.feature-paging");
        }

        @Test
        void howToQuestionAboutAFeatureIsLow() {
            assertThat(chat("how do i park a call?").rule()).isEqualTo("low.feature-help");
        }

        @Test
        void trainingTopicsAreNotProblems() {
            assertThat(chat("can we book training on transfer and conference for new staff").severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void portalErrorIsDegradedButPortalLockoutIsLow() {
            assertThat(chat("the portal shows internal error when I save").severity()).isEqualTo(Severity.DEGRADED);
            assertThat(chat("I'm locked out of the portal, please reset my password").severity()).isEqualTo(Severity.LOW);
        }
    }

    @Nested
    class PlannedAndPast {

        @Test
        void plannedMoveIsLow() {
            assertThat(chat("we want to move the reception phone next week").severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void movedPhoneThatNowFailsIsDegraded() {
            assertThat(chat("we moved the reception phone and now it says No Service").rule()).isEqualTo("degraded.relocated-handset");
        }

        @Test
        void hypotheticalOutageIsLow() {
            assertThat(chat("what happens if our internet goes down?").severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void reportAboutAResolvedOutageIsLow() {
            assertThat(email("RFO", "Phones were down for 2 hours yesterday, fine now. Please send an outage report.").severity())
                    .isEqualTo(Severity.LOW);
        }
    }

    @Nested
    class ToneAndHints {

        @Test
        void capitalsAndUrgencyDoNotRaiseSeverity() {
            assertThat(email("URGENT!!!", "PLEASE ADD A NEW EXTENSION FOR SAM TODAY!!!").severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void politeWordingDoesNotLowerSeverity() {
            assertThat(email("no rush", "No rush, but our main number seems to give a busy signal to everyone.").severity())
                    .isEqualTo(Severity.CRITICAL);
        }

        @Test
        void customerPriorityIsIgnoredWhenTheTextDecides() {
            Classification c = RULES.classify(request(Channel.WEB, "Greeting", "Priority (customer selected): Critical\nPlease change our holiday greeting."));
            assertThat(c.severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void suggestedSeverityOnlyBreaksATie() {
            IntakeRequest r = IntakeRequest.builder(Channel.WEB, "w-1").subject("hello").body("see subject")
                    .suggestedSeverity(Severity.DEGRADED).receivedAt(Instant.EPOCH).build();
            assertThat(RULES.classify(r).rule()).isEqualTo("hint.customer-priority");
        }

        @Test
        void ivrMenuAttributeOnlyBreaksATie() {
            IntakeRequest r = IntakeRequest.builder(Channel.PHONE, "p-1").body("hello hello")
                    .attributes(Map.of("ivr.menu", "1")).receivedAt(Instant.EPOCH).build();
            assertThat(RULES.classify(r).rule()).isEqualTo("hint.ivr-menu");
            IntakeRequest howTo = IntakeRequest.builder(Channel.PHONE, "p-2").body("how do I transfer a call?")
                    .attributes(Map.of("ivr.menu", "1")).receivedAt(Instant.EPOCH).build();
            assertThat(RULES.classify(howTo).severity()).isEqualTo(Severity.LOW);
        }
    }

    @Nested
    class Explanations {

        @Test
        void reasonQuotesTheMatchedEvidence() {
            Classification c = chat("main line goes straight to fast busy");
            assertThat(c.rule()).isEqualTo("critical.main-number-down");
            assertThat(c.reason()).contains("main line").contains("fast busy");
        }

        @Test
        void mostSevereCurrentProblemWins() {
            Classification c = email("two things", "1) how do I change my greeting?\n2) since 1pm nobody can call us, the main number just rings.");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
        }
    }
}
