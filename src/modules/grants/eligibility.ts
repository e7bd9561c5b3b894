import type { OrganisationFacts } from '../organisations/index.js';
import type { EligibilityRule, RuleCheck } from './schema.js';

/** A Swedish organisation number: ten digits, a hyphen allowed after the sixth. */
const ORG_NUMBER = /^\d{6}-?\d{4}$/;

/** Days from `from` to `to` (both `YYYY-MM-DD`). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * How each of a programme's rules stands for an organisation, read from the register: met, not met
 * (and why), or one the register cannot tell (the participants' ages, a rule in words), which the
 * applicant confirms when submitting (`confirmed` lists the rules they did). The detail says what the
 * register holds, for the applicant and the officer alike; it never holds personal data.
 */
export function assessEligibility(rules: EligibilityRule[], org: OrganisationFacts, today: string, confirmed: ReadonlySet<number> = new Set()): RuleCheck[] {
  return rules.map((rule, i): RuleCheck => {
    switch (rule.kind) {
      case 'registered_association': {
        const registered = org.kind === 'association' && ORG_NUMBER.test(org.orgNumber);
        return {
          rule,
          status: registered ? 'met' : 'unmet',
          detail: org.kind !== 'association' ? 'notAssociation' : registered ? org.orgNumber : 'noOrgNumber',
        };
      }
      case 'min_members':
        if (org.memberCount === null) return { rule, status: 'unmet', detail: 'noMembers' };
        return { rule, status: org.memberCount >= rule.value ? 'met' : 'unmet', detail: `members:${org.memberCount}:${org.membersCountedOn ?? ''}` };
      case 'after_annual_meeting': {
        if (!org.annualMeetingOn) return { rule, status: 'unmet', detail: 'noAnnualMeeting' };
        const days = daysBetween(org.annualMeetingOn, today);
        return { rule, status: days >= 0 && days <= rule.days ? 'met' : 'unmet', detail: `annualMeeting:${org.annualMeetingOn}` };
      }
      default:
        return { rule, status: confirmed.has(i) ? 'confirmed' : 'unmet', detail: confirmed.has(i) ? 'confirmed' : 'toConfirm' };
    }
  });
}

/** Whether a rule is one the applicant confirms (the register cannot tell). */
export const isConfirmedByApplicant = (rule: EligibilityRule): boolean => rule.kind === 'participant_age' || rule.kind === 'text';

/** Whether every rule is met or confirmed. */
export const isEligible = (checks: RuleCheck[]): boolean => checks.every((c) => c.status !== 'unmet');
