import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditCompliance } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { ComplianceReport, ComplianceReportArgs } from './compliance.types';
import { COST } from '../graphql/cost';

@Resolver()
export class ComplianceResolver {
  @Authorized(Permission.AUDIT)
  @Audited(auditCompliance)
  @Query(() => ComplianceReport, {
    complexity: COST.complianceReport,
    description:
      'Runs the compliance policies (cypher/policies/) and returns each violation with its evidence subgraph; prediction sets are counted with a sample of ids.',
  })
  async complianceReport(@Args(() => ComplianceReportArgs) args: ComplianceReportArgs, @Ctx() ctx: RequestContext): Promise<ComplianceReport> {
    return ctx.services.compliance.report(args);
  }
}
