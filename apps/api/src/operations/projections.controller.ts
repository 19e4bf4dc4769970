import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { forbidden, notFound, type Actor } from '@ntm/decider';
import { listCheckpoints, ProjectionCatalog } from '@ntm/read-models';
import { ProjectionCheckpoints } from '@ntm/read-models/runner';
import { CurrentActor } from '../auth/current-actor';
import { Answers } from '../http/swagger';

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin')
    throw forbidden('ROLE_NOT_ALLOWED', 'Chỉ quản trị hệ thống được xem và khởi động lại các projection');
};

/** What operators need when a projection or process manager parks on a failing event. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/v1/admin/projections')
export class ProjectionsController {
  private readonly checkpoints: ProjectionCheckpoints;
  private readonly catalog: ProjectionCatalog;

  constructor(db: DataSource) {
    this.checkpoints = new ProjectionCheckpoints(db);
    this.catalog = new ProjectionCatalog(db);
  }

  @Get()
  @Answers('Projections')
  @ApiOperation({ summary: 'Các projection và tiến trình nền: vị trí, trạng thái, lỗi gần nhất (quản trị)' })
  async list(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    await this.checkpoints.install();
    const [checkpoints, versions] = await Promise.all([this.checkpoints.list(), this.catalog.versions()]);
    return { items: listCheckpoints(checkpoints, versions) };
  }

  @Post(':name/resume')
  @Answers('Projection')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cho projection đang dừng vì lỗi chạy tiếp, sau khi đã khắc phục nguyên nhân (quản trị)',
  })
  async resume(@CurrentActor() actor: Actor, @Param('name') name: string) {
    requireAdmin(actor);
    await this.checkpoints.install();
    // Names are letters, digits and - _ . : @ (e.g. "commune-standings@v4"): anything else names none, and never
    // reaches the database (a NUL byte there is a server error, not an answer).
    const current = /^[\w.:@-]{1,200}$/.test(name) ? await this.checkpoints.get(name) : null;
    if (!current) throw notFound('PROJECTION_NOT_FOUND', `Không có projection tên "${name.slice(0, 200)}"`);
    await this.checkpoints.resume(name);
    return (await this.checkpoints.get(name))!;
  }
}
